package dev.smsauth.bench;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {

	@Test
	void smokeShortensTheDefaultsButExplicitValuesWin() {
		Options smoke = Options.parse("--jar", "x.jar", "--smoke", "--threads", "3");

		assertTrue(smoke.smoke());
		assertEquals(Duration.ofSeconds(2), smoke.duration());
		assertEquals(Duration.ofSeconds(1), smoke.warmup());
		assertEquals(3, smoke.threads());
		assertEquals(Options.ALL_SCENARIOS, smoke.scenarios());
	}

	@Test
	void isolateGivesEveryScenarioItsOwnServerButKeepsTheHalfRateWithItsClosedLoopRun() {
		Options options = Options.parse("--jar", "x.jar", "--isolate", "--scenarios",
				"userinfo,client_credentials,client_credentials_half_rate,jwks");

		assertEquals(List.of(List.of("userinfo"), List.of("client_credentials", "client_credentials_half_rate"), List.of("jwks")),
				Bench.serverGroups(options));
		assertEquals(List.of(options.scenarios()), Bench.serverGroups(Options.parse("--jar", "x.jar", "--scenarios",
				"userinfo,client_credentials,client_credentials_half_rate,jwks")));
	}

	@Test
	void scenariosAndProfileAreChecked() {
		Options options = Options.parse("--jar", "x.jar", "--scenarios", "jwks, userinfo", "--profile", "mysql", "--duration", "0.5");

		assertEquals(List.of("jwks", "userinfo"), options.scenarios());
		assertEquals("mysql", options.profile());
		assertEquals(Duration.ofMillis(500), options.duration());
		assertThrows(Options.UsageException.class, () -> Options.parse("--jar", "x.jar", "--scenarios", "nope"));
		assertThrows(Options.UsageException.class, () -> Options.parse("--jar", "x.jar", "--profile", "postgres"));
		assertThrows(Options.UsageException.class, () -> Options.parse("--jar", "x.jar", "--threads"));
	}

}
