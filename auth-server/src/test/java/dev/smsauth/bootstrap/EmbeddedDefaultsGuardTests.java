package dev.smsauth.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.smsauth.support.Api;
import dev.smsauth.support.Api.Answer;
import dev.smsauth.support.StartedServer;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Outside the embedded default profile the server refuses the public default secrets, naming the
 * property to set; with real secrets it starts, creates the management client with that secret,
 * and seeds no demo data.
 */
class EmbeddedDefaultsGuardTests {

	static final String GOOD_HMAC_KEY = "prodcheck-hmac-key-that-is-long-enough-0123456789";

	static final String GOOD_MANAGEMENT_SECRET = "prodcheck-management-secret-0123456789abcdef";

	static final String EMBEDDED_HMAC_KEY = "embedded-default-only-hmac-key-0123456789";

	/** Base64 of 32 bytes that are not the embedded default's. */
	static final String GOOD_KEY_ENCRYPTION_KEY = "cHJvZGNoZWNrLWtleS1lbmNyeXB0aW9uLWtleS0wMTI=";

	static StartedServer startProdcheck(String managementSecret, String hmacKey) {
		return StartedServer.start(List.of("prodcheck"),
				"--spring.datasource.url=jdbc:h2:mem:prodcheck-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"--spring.datasource.username=sa", "--spring.datasource.password=", "--auth.sms.provider=outbox",
				"--auth.sms.code-hmac-key=" + hmacKey, "--auth.bootstrap.management-client-secret=" + managementSecret,
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

}
