package dev.smsauth.config;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar, started as the image starts it ({@code -Dspring.aot.enabled=true}), with the bean
 * definitions this build's process-aot made for the embedded default (the outbox). Settings that
 * route SMS to Vonage want beans those definitions do not hold: the start stops before anything
 * else, naming both providers' settings and the ways out. The same settings without the option
 * start, since the conditions are then evaluated at the start. (The flows themselves with the
 * option: bench's BenchSmokeIT.) Both start only to the refreshed context
 * ({@code spring.context.exit=onRefresh}) and leave.
 */
class AheadOfTimeStartIT {

	static final Path JAR = Path.of("target/auth-server-0.1.0-SNAPSHOT.jar");

	@TempDir
	Path work;

	@Test
	void whenTheSettingsWantBeansTheBuildLeftOutThenTheStartStopsNamingThem() throws Exception {
		Started started = start(true);

		assertThat(started.exitCode()).as(started.output()).isNotZero();
		assertThat(started.output())
			.contains("This server runs with bean definitions made ahead of time (-Dspring.aot.enabled=true)")
			.contains("auth.sms.provider / auth.sms.routes.* (vonage) asks for VonageSmsConfiguration, which the build left out")
			.contains("auth.sms.provider / auth.sms.routes.* (outbox) does not ask for OutboxSmsConfiguration, which the build made")
			.contains("--build-arg AOT_SETTINGS")
			// Stopped before any other bean: no migration ran, no key was made.
			.doesNotContain("Successfully applied");
	}

	@Test
	void whenStartedTheOrdinaryWayThenTheSameSettingsStart() throws Exception {
		Started started = start(false);

		assertThat(started.exitCode()).as(started.output()).isZero();
		// The whole context: migrated, Vonage wired, a signing key made, then the exit at refresh.
		assertThat(started.output()).contains("Successfully applied", "SMS routes: default=[vonage]", "signing key")
			.doesNotContain("made ahead of time");
	}

	record Started(int exitCode, String output) {
	}

	/** Up to the refreshed context, then out: Spring's documented training exit. */
	private Started start(boolean aheadOfTime) throws IOException, InterruptedException {
		assertThat(JAR).as("the packaged jar (failsafe runs after package)").isRegularFile();
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
		if (aheadOfTime) {
			command.add("-Dspring.aot.enabled=true");
		}
		command.addAll(List.of("-Dspring.context.exit=onRefresh", "-jar", JAR.toAbsolutePath().toString(),
				"--server.port=0", "--spring.datasource.url=jdbc:h2:mem:aot-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"--auth.sms.provider=vonage", "--auth.sms.vonage.api-key=aot-it", "--auth.sms.vonage.api-secret=aot-it",
				"--auth.sms.vonage.from=SmsAuth", "--auth.sms.vonage.base-uri=http://127.0.0.1:9",
				// A real provider is not the embedded default: its public secrets would be refused first.
				"--auth.bootstrap.management-client-secret=aot-it-management-secret-0123456789abcdef",
				"--auth.sms.code-hmac-key=aot-it-hmac-key-that-is-long-enough-0123456789",
				"--auth.keys.encryption-key=YW90LWl0LWtleS1lbmNyeXB0aW9uLWtleS0wMTIzNDU=", "--auth.seed-demo-data=false"));
		File log = work.resolve("server.log").toFile();
		Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
			.redirectOutput(log).start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("no exit within 120 s:\n" + Files.readString(log.toPath(), StandardCharsets.UTF_8));
		}
		return new Started(process.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
	}

}
