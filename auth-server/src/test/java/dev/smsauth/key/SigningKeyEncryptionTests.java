package dev.smsauth.key;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.smsauth.support.Api;
import dev.smsauth.support.StartedServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Private keys at rest, across starts of whole servers on one H2 file: rows from before encryption
 * are sealed at the first start and keep signing; a wrong key-encryption key stops the start with a
 * message naming the setting; outside the embedded default the public default KEK is refused.
 */
class SigningKeyEncryptionTests {

	static final String EMBEDDED_KEK = "ZW1iZWRkZWQtZGVmYXVsdC1vbmx5LWtlay0wMTIzNDU=";

	static final String OTHER_KEK = Base64.getEncoder()
		.encodeToString("another-key-encryption-key-01234".getBytes(StandardCharsets.US_ASCII));

	@TempDir
	Path dir;

	String url() {
		return "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
	}

	StartedServer start(String... args) {
		List<String> all = new ArrayList<>(List.of("--spring.datasource.url=" + url()));
		all.addAll(List.of(args));
		return StartedServer.start(List.of(), all.toArray(String[]::new));
	}

	@Test
	void whenADatabaseHoldsAKeyStoredInClearThenTheFirstStartEncryptsItOnceAndGoesOnSigningWithIt() throws Exception {
		// A database as the first schema version left it: V1 to V4, one plain JWK row.
		Flyway.configure().dataSource(url(), "sa", "").locations("classpath:db/migration/h2").target("4").load().migrate();
		RSAKey legacy = new RSAKeyGenerator(2048).keyID("legacy-" + UUID.randomUUID())
			.algorithm(JWSAlgorithm.RS256)
			.keyUse(KeyUse.SIGNATURE)
			.generate();
		try (Connection connection = DriverManager.getConnection(url(), "sa", "");
				PreparedStatement insert = connection.prepareStatement(
						"INSERT INTO signing_key (kid, algorithm, jwk, status, created_at) VALUES (?, 'RS256', ?, 'ACTIVE', ?)")) {
			insert.setString(1, legacy.getKeyID());
			insert.setString(2, legacy.toJSONString());
			insert.setTimestamp(3, Timestamp.from(Instant.now().minusSeconds(3600)));
			insert.executeUpdate();
		}
		String d = legacy.getPrivateExponent().toString();

		String sealed;
		try (StartedServer server = start()) {
			sealed = storedText(server, legacy.getKeyID());
			assertThat(sealed).startsWith("v1:").doesNotContain("\"d\"").doesNotContain(d);
			assertThat(server.bean(JdbcClient.class).sql("SELECT COUNT(*) FROM signing_key").query(Long.class).single())
				.as("no new key was made").isEqualTo(1);
			assertSignsAndPublishes(server, legacy);
		}

		try (StartedServer again = start()) {
			assertThat(storedText(again, legacy.getKeyID())).as("a second start leaves the sealed row alone")
				.isEqualTo(sealed);
			assertSignsAndPublishes(again, legacy);
		}
	}

	@Test
	void whenStartedWithAnotherKeyEncryptionKeyThenTheStartFailsNamingTheSettingAndNothingIsLost() throws Exception {
		String kid;
		try (StartedServer first = start()) {
			kid = first.bean(SigningKeyStore.class).signingKey().getKeyID();
		}

		Throwable failure = catchThrowable(() -> start("--auth.keys.encryption-key=" + OTHER_KEK).close());

		assertThat(failure).as("the server started with a KEK that can not open its keys").isNotNull();
		assertThat(messages(failure)).contains("auth.keys.encryption-key")
			.contains("AUTH_KEYS_ENCRYPTION_KEY")
			.contains("another key-encryption key")
			.doesNotContain(OTHER_KEK)
			.doesNotContain(EMBEDDED_KEK);
		try (StartedServer withTheRightKey = start()) {
			assertThat(withTheRightKey.bean(SigningKeyStore.class).signingKey().getKeyID()).isEqualTo(kid);
		}
	}

	@Test
	void whenTheKeyEncryptionKeyIsNotBase64Of32BytesThenTheStartFailsNamingTheSetting() {
		String tooShort = Base64.getEncoder().encodeToString("sixteen-bytes-16".getBytes(StandardCharsets.US_ASCII));

		Throwable failure = catchThrowable(() -> start("--auth.keys.encryption-key=" + tooShort).close());

		assertThat(failure).isNotNull();
		assertThat(messages(failure)).contains("auth.keys.encryption-key").contains("32 random bytes");
	}

	@Test
	void whenANonDefaultProfileUsesTheEmbeddedKeyEncryptionKeyThenTheStartFailsNamingIt() {
		Throwable failure = catchThrowable(() -> startProdcheck(EMBEDDED_KEK).close());

		assertThat(failure).as("the server started with the public KEK").isNotNull();
		assertThat(messages(failure)).contains("Refusing to start")
			.contains("auth.keys.encryption-key")
			.contains("AUTH_KEYS_ENCRYPTION_KEY");
	}

	@Test
	void whenANonDefaultProfileHasNoKeyEncryptionKeyThenTheStartFailsNamingIt() {
		Throwable failure = catchThrowable(() -> startProdcheck("").close());

		assertThat(failure).as("the server started without a KEK").isNotNull();
		assertThat(messages(failure)).contains("auth.keys.encryption-key").contains("AUTH_KEYS_ENCRYPTION_KEY");
	}

	@Test
	void whenANonDefaultProfileHasItsOwnKeyEncryptionKeyThenItStarts() {
		try (StartedServer server = startProdcheck(OTHER_KEK)) {
			assertThat(server.bean(SigningKeyStore.class).signingKey().isPrivate()).isTrue();
		}
	}

	/** Outside the embedded default, with every other secret set properly. */
	StartedServer startProdcheck(String kek) {
		return StartedServer.start(List.of("prodcheck"), "--spring.datasource.url=" + url(),
				"--spring.datasource.username=sa", "--spring.datasource.password=", "--auth.sms.provider=outbox",
				"--auth.sms.outbox.allow-in-production=true",
				"--auth.sms.code-hmac-key=prodcheck-hmac-key-that-is-long-enough-0123456789",
				"--auth.bootstrap.management-client-secret=prodcheck-management-secret-0123456789abcdef",
				"--auth.keys.encryption-key=" + kek);
	}

	static String storedText(StartedServer server, String kid) {
		return server.bean(JdbcClient.class)
			.sql("SELECT jwk FROM signing_key WHERE kid = :kid")
			.param("kid", kid)
			.query(String.class)
			.single();
	}

	/** The JWKS publishes the key (public part only) and new tokens are signed with it. */
	static void assertSignsAndPublishes(StartedServer server, RSAKey key) throws Exception {
		Api api = Api.management(server.base());
		JWKSet jwks = JWKSet.parse(api.send("GET", "/oauth2/jwks", null, null, null).body());
		assertThat(jwks.getKeys()).extracting(JWK::getKeyID).containsExactly(key.getKeyID());
		assertThat(jwks.getKeys().get(0).toRSAKey().getModulus()).isEqualTo(key.getModulus());
		assertThat(jwks.getKeys().get(0).isPrivate()).isFalse();
		String token = api.token();
		assertThat(Jwts.kid(token)).isEqualTo(key.getKeyID());
		Jwts.assertVerifies(jwks, token);
		assertThat(api.get("/api/v1/applications/management-cli").status()).isEqualTo(200);
	}

	static String messages(Throwable failure) {
		List<String> messages = new ArrayList<>();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			messages.add(t.getClass().getSimpleName() + ": " + t.getMessage());
		}
		return String.join("\n caused by ", messages);
	}

}
