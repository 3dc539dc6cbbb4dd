package dev.smsauth.bench;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The floor column can come from a JMH result file (a real one, from a short run on the shared machine). */
class CryptoFloorTest {

	@Test
	void readsEveryPrimitiveFromAJmhJsonResultInMilliseconds() throws Exception {
		Path file = Path.of(getClass().getResource("/jmh-result-sample.json").toURI());

		Floor floor = CryptoFloor.fromJmh(file);

		assertEquals(32.651, floor.argon2idMs(), 0.001);
		assertEquals(120.214, floor.bcrypt10Ms(), 0.001);
		assertEquals(2.712, floor.rs256SignMs(), 0.001);
		assertEquals(1.471, floor.es256SignMs(), 0.001);
		assertEquals(0.152, floor.rs256VerifyMs(), 0.001);
		assertEquals(0.000199, floor.sha256Ms(), 0.000001);
		assertEquals(2 * floor.rs256SignMs() + floor.sha256Ms(), floor.refresh(), 1e-9);
		// a result from before Keycloak's Argon2id and HS512 were measured: they are unknown, not zero
		assertTrue(Double.isNaN(floor.keycloakArgon2idMs()));
		assertTrue(Double.isNaN(floor.hmacSha512Ms()));
		// and from before AWS-LC: a server that signs through it can not be measured against this file
		assertTrue(Double.isNaN(floor.rs256SignAwsLcMs()));
		IllegalStateException refused = assertThrows(IllegalStateException.class, floor::signingThroughAwsLc);
		assertTrue(refused.getMessage().contains("run the JMH benchmarks again"));
	}

}
