package dev.smsauth.hostile;

import java.util.List;
import java.util.UUID;

import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.StartedServer;

/**
 * One auth server for every property class in this package (jqwik does not run Spring's test
 * context cache), started on first use and stopped by Spring's shutdown hook when the test JVM
 * ends. Rate limits are lifted: the properties send hundreds of requests from 127.0.0.1, and
 * the limits have tests of their own (SignInThrottleTests, SmsLimitsTests, SmsSendPolicyTests).
 */
final class HostileServer {

	private static final java.util.concurrent.atomic.AtomicInteger PHONES = new java.util.concurrent.atomic.AtomicInteger();

	private static StartedServer server;

	private static ManagementClient management;

	static synchronized String base() {
		if (server == null) {
			server = StartedServer.start(List.of(),
					"--spring.datasource.url=jdbc:h2:mem:hostile-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"--auth.signin.max-failures-per-ip=100000", "--auth.signin.max-failures-per-account-and-ip=100000",
					"--auth.signin.delay-after-failures=100000", "--auth.signin.max-failures-per-account-per-hour=100000",
					"--auth.sms.abuse.max-per-ip-per-hour=100000", "--auth.sms.abuse.max-per-calling-code-per-hour=100000",
					"--auth.sms.abuse.max-global-per-hour=100000");
			management = new ManagementClient(server.base());
		}
		return server.base();
	}

	static synchronized ManagementClient management() {
		base();
		return management;
	}

	/** A new user with a unique name; {@code phone} may be null. Password: the username + "-password". */
	static String user(String prefix, String phone, boolean admin) {
		String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		String phoneMember = phone == null ? "" : ",\"phoneNumber\":\"" + phone + "\"";
		ManagementClient.Response created = management().call("POST", "/api/v1/users", "{\"username\":\"" + username
				+ "\",\"password\":\"" + username + "-password\",\"admin\":" + admin + phoneMember + "}");
		if (created.status() != 201) {
			throw new AssertionError("user not created: " + created);
		}
		return username;
	}

	/** A unique E.164 number in the US fiction range. */
	static String phone() {
		return "+1415556" + String.format("%04d", PHONES.incrementAndGet());
	}

	/** A browser signed in as a new administrator, SMS step passed: the console is open to it. */
	static Http administrator() {
		String phone = phone();
		String username = user("admin", phone, true);
		Http browser = new Http(base());
		browser.signIn(username, username + "-password");
		browser.passSms(management(), phone);
		return browser;
	}

	private HostileServer() {
	}

}
