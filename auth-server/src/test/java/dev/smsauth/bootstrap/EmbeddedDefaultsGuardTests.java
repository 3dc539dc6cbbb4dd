package dev.smsauth.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.smsauth.support.Api;
import dev.smsauth.support.Api.Answer;
import dev.smsauth.support.StartedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Outside the embedded default profile the server refuses the public default secrets, naming the
 * property to set; with real secrets it starts, creates the management client with that secret,
 * and seeds no demo data. A real SMS provider or an external database refuses them with no profile
 * too, and the outbox runs outside the embedded default only when allowed by name, with a warning
 * at every start.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDefaultsGuardTests {

	static final String OUTBOX_WARNING = "auth.sms.outbox.allow-in-production=true: the outbox SMS provider is active";

	/** Vonage settings that bind; no test here sends an SMS. */
	static final String[] VONAGE = { "--auth.sms.provider=vonage", "--auth.sms.vonage.api-key=guard-key",
			"--auth.sms.vonage.api-secret=guard-secret", "--auth.sms.vonage.from=SmsAuth",
			"--auth.sms.vonage.base-uri=http://127.0.0.1:9" };

	static final String GOOD_HMAC_KEY = "prodcheck-hmac-key-that-is-long-enough-0123456789";

	static final String GOOD_MANAGEMENT_SECRET = "prodcheck-management-secret-0123456789abcdef";

	static final String EMBEDDED_HMAC_KEY = "embedded-default-only-hmac-key-0123456789";

	/** Base64 of 32 bytes that are not the embedded default's. */
	static final String GOOD_KEY_ENCRYPTION_KEY = "cHJvZGNoZWNrLWtleS1lbmNyeXB0aW9uLWtleS0wMTI=";

	static StartedServer startProdcheck(String managementSecret, String hmacKey) {
		return startProdcheckOn("--spring.datasource.url=jdbc:h2:mem:prodcheck-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				managementSecret, hmacKey);
	}

	/** In a profile, with the outbox allowed by name. */
	static StartedServer startProdcheckOn(String urlArgument, String managementSecret, String hmacKey) {
		return StartedServer.start(List.of("prodcheck"), urlArgument,
				"--spring.datasource.username=sa", "--spring.datasource.password=", "--auth.sms.provider=outbox",
				"--auth.sms.outbox.allow-in-production=true", "--auth.sms.code-hmac-key=" + hmacKey, "--auth.bootstrap.management-client-secret=" + managementSecret,
				"--auth.keys.encryption-key=" + GOOD_KEY_ENCRYPTION_KEY);
	}

	static String messages(Throwable failure) {
		List<String> messages = new ArrayList<>();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			messages.add(t.getClass().getSimpleName() + ": " + t.getMessage());
		}
		return String.join("\n caused by ", messages);
	}

	@Test
	void whenNonDefaultProfileUsesTheDefaultManagementSecretThenStartFailsNamingTheProperty() {
		Throwable failure = catchThrowable(() -> startProdcheck("management-secret", GOOD_HMAC_KEY).close());

		assertThat(failure).as("the server started with the public management secret").isNotNull();
		String chain = messages(failure);
		assertThat(chain).contains("auth.bootstrap.management-client-secret").contains("MANAGEMENT_CLIENT_SECRET");
		assertThat(chain).doesNotContain("auth.sms.code-hmac-key");
	}

	@Test
	void whenNonDefaultProfileUsesTheEmbeddedHmacKeyThenStartFailsNamingTheProperty() {
		Throwable failure = catchThrowable(() -> startProdcheck(GOOD_MANAGEMENT_SECRET, EMBEDDED_HMAC_KEY).close());

		assertThat(failure).as("the server started with the public HMAC key").isNotNull();
		String chain = messages(failure);
		assertThat(chain).contains("auth.sms.code-hmac-key").contains("AUTH_SMS_CODE_HMAC_KEY");
		assertThat(chain).doesNotContain("management-client-secret");
		assertThat(chain).as("the message never repeats a secret").doesNotContain(GOOD_MANAGEMENT_SECRET);
	}

	@Test
	void whenNonDefaultProfileHasBothDefaultsThenStartFailsNamingBoth() {
		Throwable failure = catchThrowable(() -> startProdcheck("management-secret", EMBEDDED_HMAC_KEY).close());

		assertThat(failure).isNotNull();
		assertThat(messages(failure)).contains("auth.bootstrap.management-client-secret").contains("auth.sms.code-hmac-key");
	}

	@Test
	void whenNonDefaultProfileHasProperSecretsThenItStartsWithTheManagementClientAndNoDemoData() {
		try (StartedServer server = startProdcheck(GOOD_MANAGEMENT_SECRET, GOOD_HMAC_KEY)) {
			JdbcClient jdbc = server.bean(JdbcClient.class);
			// Read before any token request (the client authentication may re-encode it afterwards).
			assertThat(jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = 'management-cli'")
				.query(String.class)
				.single()).startsWith("{sha256}").doesNotContain(GOOD_MANAGEMENT_SECRET);
			Api api = Api.as(server.base(), "management-cli", GOOD_MANAGEMENT_SECRET);
			assertThat(api.clientCredentials("management-cli", "management-secret", "management").status())
				.as("the public default secret does not work").isEqualTo(401);

			Answer users = api.get("/api/v1/users?limit=200");
			assertThat(users.status()).as("%s", users).isEqualTo(200);
			assertThat(users.json().isEmpty()).as("users: %s", users.body()).isTrue();
			Answer demoApp = api.get("/api/v1/applications/demo-client");
			assertThat(demoApp.status()).isEqualTo(404);
			Answer apps = api.get("/api/v1/applications?limit=200");
			assertThat(apps.json()).hasSize(1);
			assertThat(apps.json().get(0).get("clientId").asString()).isEqualTo("management-cli");

			assertThat(jdbc.sql("SELECT COUNT(*) FROM user_account").query(Long.class).single()).isZero();
			assertThat(jdbc.sql("SELECT COUNT(*) FROM user_account WHERE username = 'demo'").query(Long.class).single())
				.isZero();
		}
	}

	@Test
	void whenAProfileUsesTheOutboxWithoutAllowingItThenStartFailsNamingTheSetting() {
		Throwable failure = catchThrowable(() -> StartedServer.start(List.of("prodcheck"),
				"--spring.datasource.url=jdbc:h2:mem:prodcheck-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"--auth.sms.provider=outbox", "--auth.sms.code-hmac-key=" + GOOD_HMAC_KEY,
				"--auth.bootstrap.management-client-secret=" + GOOD_MANAGEMENT_SECRET,
				"--auth.keys.encryption-key=" + GOOD_KEY_ENCRYPTION_KEY)
			.close());

		assertThat(failure).as("the server started with the outbox in a profile").isNotNull();
		assertThat(messages(failure)).contains("Refusing to start")
			.contains("auth.sms.provider=outbox")
			.contains("prodcheck")
			.contains("auth.sms.outbox.allow-in-production=true")
			.contains("AUTH_SMS_OUTBOX_ALLOW_IN_PRODUCTION")
			.doesNotContain("management-client-secret");
	}

	@Test
	void whenTheOutboxIsAllowedInProductionThenItStartsAndWarnsAtEveryStart(CapturedOutput output) {
		String url = "--spring.datasource.url=jdbc:h2:mem:prodcheck-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		for (int start = 1; start <= 2; start++) {
			try (StartedServer server = startProdcheckOn(url, GOOD_MANAGEMENT_SECRET, GOOD_HMAC_KEY)) {
				Api api = Api.as(server.base(), "management-cli", GOOD_MANAGEMENT_SECRET);
				assertThat(api.get("/api/v1/dev/sms-outbox").status()).as("the outbox is active").isEqualTo(200);
			}
			assertThat(output.getOut().lines().filter(line -> line.contains(OUTBOX_WARNING)))
				.as("one warning per start")
				.hasSize(start)
				.allMatch(line -> line.contains("WARN"));
		}
	}

	@Test
	void whenTheEmbeddedDefaultStartsThenNoOutboxWarning(CapturedOutput output) {
		try (StartedServer server = StartedServer.start(List.of(),
				"--spring.datasource.url=jdbc:h2:mem:embedded-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
			assertThat(Api.as(server.base(), "management-cli", "management-secret").get("/api/v1/dev/sms-outbox").status())
				.isEqualTo(200);
		}
		assertThat(output.getOut()).doesNotContain(OUTBOX_WARNING);
	}

	@Test
	void whenNoProfileButVonageWithTheEmbeddedSecretsThenStartFailsNamingEach() {
		// As observed: no profile, AUTH_SMS_PROVIDER=vonage and its credentials, nothing else.
		List<String> args = new ArrayList<>(List.of(VONAGE));
		args.add("--spring.datasource.url=jdbc:h2:mem:vonage-defaults-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

		Throwable failure = catchThrowable(() -> StartedServer.start(List.of(), args.toArray(String[]::new)).close());

		assertThat(failure).as("the server started with Vonage and the public secrets").isNotNull();
		assertThat(messages(failure)).contains("Refusing to start")
			.contains("auth.bootstrap.management-client-secret (env MANAGEMENT_CLIENT_SECRET)")
			.contains("auth.sms.code-hmac-key (env AUTH_SMS_CODE_HMAC_KEY)")
			.contains("auth.keys.encryption-key (env AUTH_KEYS_ENCRYPTION_KEY)")
			.contains("real SMS provider")
			.doesNotContain("guard-secret");
	}

	@Test
	void whenNoProfileButVonageWithOwnSecretsThenItStartsAndThePublicSecretDoesNotWork() {
		List<String> args = new ArrayList<>(List.of(VONAGE));
		args.addAll(List.of("--spring.datasource.url=jdbc:h2:mem:vonage-own-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"--auth.sms.code-hmac-key=" + GOOD_HMAC_KEY, "--auth.bootstrap.management-client-secret=" + GOOD_MANAGEMENT_SECRET,
				"--auth.keys.encryption-key=" + GOOD_KEY_ENCRYPTION_KEY));

		try (StartedServer server = StartedServer.start(List.of(), args.toArray(String[]::new))) {
			Api api = Api.as(server.base(), "management-cli", GOOD_MANAGEMENT_SECRET);
			assertThat(api.clientCredentials("management-cli", "management-secret", "management").status()).isEqualTo(401);
			assertThat(api.get("/api/v1/users?limit=1").status()).isEqualTo(200);
			// The demo accounts' passwords are public (README): not created outside the embedded default.
			assertThat(api.get("/api/v1/applications/demo-client").status()).isEqualTo(404);
			assertThat(api.get("/api/v1/users?limit=200").body()).doesNotContain("\"username\":\"demo\"")
				.doesNotContain("\"username\":\"admin\"");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:mysql://127.0.0.1:1/smsauth", "jdbc:h2:tcp://127.0.0.1:1/~/smsauth",
			"jdbc:h2:file:./target/guard-never-created;AUTO_SERVER=TRUE" })
	void whenNoProfileButAnExternalDatabaseWithTheEmbeddedSecretsThenStartFailsBeforeConnecting(String url) {
		// Port 1: nothing listens there, so any failure other than the guard's would be a connection error.
		Throwable failure = catchThrowable(() -> StartedServer.start(List.of(), "--spring.datasource.url=" + url).close());

		assertThat(failure).as("the server started with an external database and the public secrets").isNotNull();
		assertThat(messages(failure)).contains("Refusing to start")
			.contains("auth.bootstrap.management-client-secret")
			.contains("auth.sms.code-hmac-key")
			.contains("auth.keys.encryption-key")
			.contains("spring.datasource.url is an external database")
			.as("the outbox is refused there too").contains("auth.sms.outbox.allow-in-production")
			.as("the URL may hold a password").doesNotContain(url);
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", "JDBC:H2:MEM:x", "jdbc:h2:file:./data/smsauth;CACHE_SIZE=1",
			"jdbc:h2:file:C:/data/smsauth", " " })
	void embeddedDatabaseUrls(String url) {
		assertThat(EmbeddedDefaults.isEmbeddedDatabase(url)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:mysql://db:3306/smsauth", "jdbc:mariadb://db/smsauth", "jdbc:h2:tcp://db/smsauth",
			"jdbc:h2:ssl://db/smsauth", "jdbc:h2:file:./data/smsauth;AUTO_SERVER=TRUE", "jdbc:postgresql://db/smsauth",
			"jdbc:h2:./data/smsauth" })
	void externalDatabaseUrls(String url) {
		assertThat(EmbeddedDefaults.isEmbeddedDatabase(url)).isFalse();
	}

}
