package dev.smsauth.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each product's signing floor comes from the headers of the tokens it issued. */
class SigningFloorTest {

	// rs256Sign 1.0, es256Sign 0.25, rs256Verify 0.05, ..., hmacSha512 0.003
	private static final Floor FLOOR = new Floor(1.0, 0.25, 0.05, 30, 50, 0.0002, 160, 25, 0.003, 0.3, 0.04, "made up");

	private static String jwt(String alg) {
		String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"k1\"}";
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString("{}".getBytes(StandardCharsets.UTF_8))
				+ ".c2ln";
	}

	@Test
	void readsTheAlgorithmOfAJwsAndCallsAnythingElseOpaque() {
		assertEquals("HS512", SigningFloor.alg(jwt("HS512")));
		assertNull(SigningFloor.alg("Zm9vYmFyYmF6cXV4")); // a random reference
		assertNull(SigningFloor.alg("a.b.c")); // three parts, no JSON header
		assertNull(SigningFloor.alg(null));
	}

	@Test
	void refreshCountsTheNewTokensAndTheCheckOfTheOnePresented() {
		SigningFloor ours = SigningFloor.refresh(new Tokens(jwt("RS256"), "opaque-refresh-token", jwt("RS256"), null), FLOOR);
		assertEquals(2.0, ours.ms(), 1e-12); // two RS256 signatures, the refresh token is looked up
		assertEquals("access RS256 + ID RS256 + refresh opaque", ours.tokens());

		SigningFloor keycloak = SigningFloor.refresh(new Tokens(jwt("RS256"), jwt("HS512"), jwt("RS256"), null), FLOOR);
		assertEquals(2.0 + 0.003 + 0.003, keycloak.ms(), 1e-12); // + the new refresh token's MAC and the presented one's
		assertTrue(keycloak.tokens().contains("refresh HS512"), keycloak.tokens());
	}

	@Test
	void clientCredentialsCountsTheTokensOfItsAnswer() {
		assertEquals(1.0, clientCredentials(jwt("RS256")).ms());
		assertEquals("access RS256", clientCredentials(jwt("RS256")).tokens());
		assertEquals(0.25, clientCredentials(jwt("ES256")).ms());
		assertEquals(0.0, clientCredentials("reference-token").ms());
		assertTrue(Double.isNaN(clientCredentials(jwt("PS384")).ms())); // not measured: no figure
		// a provider that adds an ID token and a refresh token pays for them; none was presented
		SigningFloor all = SigningFloor.clientCredentials(new Tokens(jwt("RS256"), jwt("HS512"), jwt("RS256"), null), FLOOR);
		assertEquals(2.003, all.ms(), 1e-12);
		assertEquals("access RS256 + ID RS256 + refresh HS512", all.tokens());
	}

	private static SigningFloor clientCredentials(String accessToken) {
		return SigningFloor.clientCredentials(new Tokens(accessToken, null, null, null), FLOOR);
	}

}
