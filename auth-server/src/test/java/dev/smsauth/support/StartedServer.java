package dev.smsauth.support;

import java.util.ArrayList;
import java.util.List;

import dev.smsauth.AuthServerApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole auth server started by hand (not through the Spring test context cache) on a random
 * port: for restarts on the same database, for other profiles, and for engines other than
 * JUnit Jupiter (jqwik).
 */
public record StartedServer(ConfigurableApplicationContext context, String base) implements AutoCloseable {

	/**
	 * Starts the server with {@code --name=value} arguments on top of port 0 and a blank issuer
	 * (derived from each request), in the given profiles (none: the embedded default).
	 */
	public static StartedServer start(List<String> profiles, String... args) {
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--auth.issuer="));
		all.addAll(List.of(args));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthServerApplication.class)
			.profiles(profiles.toArray(String[]::new))
			.run(all.toArray(String[]::new));
		String port = context.getEnvironment().getProperty("local.server.port");
		return new StartedServer(context, "http://localhost:" + port);
	}

	public <T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	@Override
	public void close() {
		context.close();
	}

}
