package dev.smsauth.key;

import java.nio.file.Path;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.smsauth.support.Api;
import dev.smsauth.support.Api.Answer;
import dev.smsauth.support.StartedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing keys and everything else live in the database: a server restarted on the same database
 * publishes the same key, and tokens it signed before the restart still verify and still open the
 * management API.
 */
class SigningKeyPersistenceTests {

	@TempDir
	Path dir;

	StartedServer start() {
		return StartedServer.start(List.of(),
				"--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
	}

	static JWKSet jwks(Api api) throws Exception {
		Answer answer = api.send("GET", "/oauth2/jwks", null, null, null);
		assertThat(answer.status()).isEqualTo(200);
		return JWKSet.parse(answer.body());
	}

	@Test
	void whenRestartedOnTheSameDatabaseThenSameKidAndOldTokensStillVerifyAndOpenTheApi() throws Exception {
		String oldToken;
		String kid;
		String modulus;
		try (StartedServer first = start()) {
			Api api = Api.management(first.base());
			oldToken = api.token();
			JWKSet keys = jwks(api);
			assertThat(keys.getKeys()).hasSize(1);
			JWK key = keys.getKeys().get(0);
			kid = key.getKeyID();
			modulus = key.toRSAKey().getModulus().toString();
			assertThat(SignedJWT.parse(oldToken).getHeader().getKeyID()).isEqualTo(kid);
			assertThat(api.get("/api/v1/applications/management-cli").status()).isEqualTo(200);
		}

		try (StartedServer second = start()) {
			Api api = Api.management(second.base());
			JWKSet keys = jwks(api);

			assertThat(keys.getKeys()).extracting(JWK::getKeyID).containsExactly(kid);
			RSAKey key = keys.getKeyByKeyId(kid).toRSAKey();
			assertThat(key.getModulus().toString()).isEqualTo(modulus);
			assertThat(key.isPrivate()).as("the JWKS publishes no private key").isFalse();

			SignedJWT jwt = SignedJWT.parse(oldToken);
			assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
			assertThat(jwt.verify(new RSASSAVerifier(key))).as("old token verifies with the new JWKS").isTrue();
			assertThat(jwt.getJWTClaimsSet().getStringListClaim("scope")).containsExactly("management");
			SignedJWT tampered = SignedJWT.parse(tamper(oldToken));
			assertThat(tampered.verify(new RSASSAVerifier(key))).as("a changed payload does not verify").isFalse();

			// The management API of the new instance still accepts the old token.
			Answer withOldToken = api.send("GET", "/api/v1/applications/management-cli", oldToken, null, null);
			assertThat(withOldToken.status()).as("%s", withOldToken).isEqualTo(200);
			assertThat(withOldToken.json().get("clientId").asString()).isEqualTo("management-cli");

			// New tokens are signed with the same key.
			String newToken = api.token();
			assertThat(SignedJWT.parse(newToken).getHeader().getKeyID()).isEqualTo(kid);
			assertThat(SignedJWT.parse(newToken).verify(new RSASSAVerifier(key))).isTrue();
		}
	}

	@Test
	void whenRestartedThenApplicationsAndUsersCreatedBeforeAreStillThere() throws Exception {
		String clientId;
		String secret;
		String userId;
		try (StartedServer first = start()) {
			Api api = Api.management(first.base());
			Answer app = api.post("/api/v1/applications",
					"{\"name\":\"Durable\",\"grantTypes\":[\"client_credentials\"],\"scopes\":[\"reports\"],\"mfa\":{\"sms\":true}}");
			assertThat(app.status()).isEqualTo(201);
			clientId = app.json().get("clientId").asString();
			secret = app.json().get("clientSecret").asString();
			Answer user = api.post("/api/v1/users",
					"{\"username\":\"durable-user\",\"password\":\"durable-pass-1\",\"phoneNumber\":\"+14155550777\"}");
			assertThat(user.status()).isEqualTo(201);
			userId = user.json().get("id").asString();
			// The bootstrap client's changes survive a restart too.
			assertThat(api.patch("/api/v1/applications/management-cli", "{\"name\":\"Renamed CLI\"}").status())
				.isEqualTo(200);
		}

		try (StartedServer second = start()) {
			Api api = Api.management(second.base());
			Answer app = api.get("/api/v1/applications/" + clientId);
			assertThat(app.status()).isEqualTo(200);
			assertThat(app.json().get("mfa").get("sms").asBoolean()).isTrue();
			assertThat(api.clientCredentials(clientId, secret, "reports").status()).isEqualTo(200);
			Answer user = api.get("/api/v1/users/" + userId);
			assertThat(user.status()).isEqualTo(200);
			assertThat(user.json().get("phoneNumber").asString()).isEqualTo("+14155550777");
			assertThat(api.get("/api/v1/applications/management-cli").json().get("name").asString())
				.isEqualTo("Renamed CLI");
		}
	}

	/** The same token with one claim changed and the original signature. */
	static String tamper(String token) {
		String[] parts = token.split("\\.");
		String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
		String changed = payload.replace("\"management\"", "\"managemenT\"");
		assertThat(changed).isNotEqualTo(payload);
		return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
			.encodeToString(changed.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
	}

}
