package dev.smsauth.bench;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SideBySideTest {

	private static final String OURS = """
			{
			  "scenarios": [
			    {"scenario": "password_sign_in", "threads": 4, "errors": 0, "serverCpuMsPerOp": 40.0000, "passwordHashMs": 28.0000, "beyondPasswordHashMs": 12.0000, "signingFloorMs": null, "floorMs": 30.0000},
			    {"scenario": "refresh_token", "threads": 4, "errors": 0, "serverCpuMsPerOp": 2.5000, "passwordHashMs": null, "signingFloorMs": 2.0000, "signedTokens": "access RS256 + ID RS256 + refresh opaque", "beyondSignaturesMs": 0.5000, "floorMs": 2.0002},
			    {"scenario": "client_credentials", "threads": 4, "errors": 0, "serverCpuMsPerOp": 1.5000, "passwordHashMs": null, "signingFloorMs": 1.0000, "floorMs": 1.0002}
			  ]
			}
			""";

	private static final String THEIRS = """
			{
			  "scenarios": [
			    {"scenario": "password_sign_in", "threads": 4, "errors": 0, "serverCpuMsPerOp": 200.0000, "passwordHashMs": 180.0000, "signingFloorMs": null},
			    {"scenario": "refresh_token", "threads": 4, "errors": 0, "serverCpuMsPerOp": 3.0000, "passwordHashMs": null, "signingFloorMs": 2.1000, "signedTokens": "access RS256 + ID RS256 + refresh HS512 (signed, presented one verified)"},
			    {"scenario": "client_credentials", "threads": 4, "errors": 0, "serverCpuMsPerOp": 2.0000, "passwordHashMs": null, "signingFloorMs": 1.0000}
			  ]
			}
			""";

	@Test
	void readsEachScenarioLineOfAResultFile() {
		Map<String, SideBySide.Row> rows = SideBySide.parse(OURS);

		assertEquals(3, rows.size());
		assertEquals(40.0, rows.get("password_sign_in").cpuMsPerOp());
		assertEquals(28.0, rows.get("password_sign_in").passwordHashMs());
		assertTrue(Double.isNaN(rows.get("password_sign_in").signingFloorMs()));
		assertTrue(Double.isNaN(rows.get("client_credentials").passwordHashMs()));
		assertEquals(2.0, rows.get("refresh_token").signingFloorMs()); // not its floorMs (2.0002, which adds the secret's SHA-256)
	}

	@Test
	void comparesPerServerCpuSecondAndTheSignInBeyondTheHash() {
		String table = SideBySide.table(SideBySide.parse(OURS), SideBySide.parse(THEIRS), "smsauth", "Keycloak");

		// 200/40 = 5x overall; beyond the hash 20 ms against 12 ms = 1.67x; client_credentials 2.0/1.5 = 1.33x
		assertTrue(table.contains("| password_sign_in | 40.000 | 25 | 200.000 | 5 | 5.00x |  |"), table);
		assertTrue(table.contains("| password_sign_in beyond the hash | 12.000 | 83 | 20.000 | 50 | 1.67x | yes |"), table);
		assertTrue(table.contains("| password_sign_in: the password hash alone | 28.000 | 36 | 180.000 | 6 | 6.43x |  |"), table);
		assertTrue(table.contains("| client_credentials | 1.500 | 667 | 2.000 | 500 | 1.33x | NO |"), table);
	}

	@Test
	void comparesTokenGrantsBeyondEachProductsOwnSignatures() {
		String table = SideBySide.table(SideBySide.parse(OURS), SideBySide.parse(THEIRS), "smsauth", "Keycloak");

		// client_credentials: 1.5 - 1.0 = 0.5 against 2.0 - 1.0 = 1.0: 2x, though the whole grant is only 1.33x
		assertTrue(table.contains("| client_credentials beyond the signature | 0.500 | 2000 | 1.000 | 1000 | 2.00x |  |"), table);
		assertTrue(table.contains("| client_credentials: the signature alone | 1.000 | 1000 | 1.000 | 1000 | 1.00x |  |"), table);
		// refresh: each minus its own floor (theirs has the HS512 refresh token): 2.5 - 2.0 = 0.5 against 3.0 - 2.1 = 0.9
		assertTrue(table.contains("| refresh_token | 2.500 | 400 | 3.000 | 333 | 1.20x | NO |"), table);
		assertTrue(table.contains("| refresh_token beyond the signatures | 0.500 | 2000 | 0.900 | 1111 | 1.80x |  |"), table);
		assertTrue(table.contains("| refresh_token: the signatures alone | 2.000 | 500 | 2.100 | 476 | 1.05x |  |"), table);
		// no signature rows for the sign-in, which has its hash rows instead
		assertFalse(table.contains("password_sign_in beyond the signature"), table);
	}

}
