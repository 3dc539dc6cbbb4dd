package dev.smsauth.mysql;

import dev.smsauth.AuthServerApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One auth-server instance of a cluster: the production {@code mysql} profile on a database that
 * other instances share, started and stopped by the test like an operator would.
 */
public final class Node implements AutoCloseable {

	public static final String MANAGEMENT_SECRET = "cluster-test-management-secret-0123456789abcdef";

	static final String ISSUER = "https://sso.cluster.test";

	private final ConfigurableApplicationContext context;

	private Node(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** Starts an instance; {@code port} 0 picks a free one. All instances get the same secrets and issuer. */
	static Node start(String databaseUrl, int port) {
		return start(databaseUrl, port, new String[0]);
	}

	/** Like {@link #start(String, int)}, with more command-line arguments (which win over the common ones). */
	public static Node start(String databaseUrl, int port, String... extra) {
		String[] common = { "--server.port=" + port, "--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=root",
					"--spring.datasource.password=", "--auth.issuer=" + ISSUER, "--auth.sms.provider=outbox",
					// The tests read the codes from the outbox; production refuses it unless asked for by name.
					"--auth.sms.outbox.allow-in-production=true",
					"--auth.sms.code-hmac-key=cluster-test-hmac-key-0123456789abcdef",
					"--auth.bootstrap.management-client-secret=" + MANAGEMENT_SECRET,
					// Same key-encryption key on every node: each must read the keys the others stored.
					"--auth.keys.encryption-key=Y2x1c3Rlci10ZXN0LWtleS1lbmNyeXB0aW9uLWtleTE=",
					// The test talks plain http to localhost; production keeps Secure cookies.
					"--server.servlet.session.cookie.secure=false",
					// Every simulated person comes from 127.0.0.1: lift the per-IP and global SMS budgets.
					"--auth.sms.abuse.max-per-ip-per-hour=100000", "--auth.sms.abuse.max-per-calling-code-per-hour=100000",
					"--auth.sms.abuse.max-global-per-hour=100000",
					// A sign-in takes a failure slot before its password is checked (given back when it
					// was right): hundreds in flight at once from 127.0.0.1 must not look like spraying.
					"--auth.signin.max-failures-per-ip=100000" };
		// Spring joins a property given twice on the command line into a list, so an extra argument
		// replaces the common one of the same name instead of following it.
		java.util.Set<String> overridden = java.util.Arrays.stream(extra)
			.map(arg -> arg.substring(0, arg.indexOf('=') < 0 ? arg.length() : arg.indexOf('=')))
			.collect(java.util.stream.Collectors.toSet());
		String[] args = java.util.stream.Stream
			.concat(java.util.Arrays.stream(common)
				.filter(arg -> !overridden.contains(arg.substring(0, arg.indexOf('=') < 0 ? arg.length() : arg.indexOf('=')))),
					java.util.Arrays.stream(extra))
			.toArray(String[]::new);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthServerApplication.class)
			.profiles("mysql")
			.run(args);
		return new Node(context);
	}

	int port() {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	public String base() {
		return "http://localhost:" + port();
	}

	ConfigurableApplicationContext context() {
		return context;
	}

	@Override
	public void close() {
		context.close();
	}

}
