package dev.smsauth.bench;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SideBySideTest {

	private static final String OURS = """
			{
			  "scenarios": [
			    {"scenario": "password_sign_in", "threads": 4, "errors": 0, "serverCpuMsPerOp": 40.0000, "passwordHashMs": 28.0000, "beyondPasswordHashMs": 12.0000},
			    {"scenario": "client_credentials", "threads": 4, "errors": 0, "serverCpuMsPerOp": 1.5000, "passwordHashMs": null}
			  ]
			}
			""";

	private static final String THEIRS = """
			{
			  "scenarios": [
			    {"scenario": "password_sign_in", "threads": 4, "errors": 0, "serverCpuMsPerOp": 200.0000, "passwordHashMs": 180.0000},
			    {"scenario": "client_credentials", "threads": 4, "errors": 0, "serverCpuMsPerOp": 2.0000, "passwordHashMs": null}
			  ]
			}
			""";

	@Test
	void readsEachScenarioLineOfAResultFile() {
		Map<String, SideBySide.Row> rows = SideBySide.parse(OURS);

		assertEquals(2, rows.size());
		assertEquals(40.0, rows.get("password_sign_in").cpuMsPerOp());
		assertEquals(28.0, rows.get("password_sign_in").passwordHashMs());
		assertTrue(Double.isNaN(rows.get("client_credentials").passwordHashMs()));
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

}
