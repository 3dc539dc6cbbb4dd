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

	@Test
	void anIssuerSwitchesToAnExternalTargetWithItsClientsUserAndLoginAdapter() {
		Options options = Options.parse("--issuer", "http://127.0.0.1:8080/realms/bench", "--server-pid", "4242",
				"--client-id", "svc", "--client-secret", "s1", "--code-client-id", "web", "--code-client-secret", "s2",
				"--redirect-uri", "http://127.0.0.1:1/cb", "--username", "u", "--password", "-p", "--label", "keycloak");

		External external = options.external();
		assertEquals(External.SCENARIOS, options.scenarios());
		assertEquals(null, options.jar()); // nothing to start
		assertEquals(4242, external.serverPid());
		assertEquals(new Management.App("svc", "s1"), external.serviceClient());
		assertEquals(new Management.App("web", "s2"), external.codeClient());
		assertEquals("-p", external.password());
		assertEquals("keycloak", external.login());
		assertEquals(PasswordHash.KEYCLOAK_ARGON2ID, external.passwordHash()); // Keycloak 24+'s default
		assertEquals("openid profile", external.signInScope());
		assertEquals("http://127.0.0.1:8080", external.origin());
		assertEquals(null, external.serviceScope());
	}

	@Test
	void anExternalTargetNeedsOnlyWhatItsScenariosUse() {
		Options cc = Options.parse("--issuer", "https://idp.example/", "--server-pid", "1", "--scenarios", "client_credentials",
				"--client-id", "svc", "--client-secret", "s", "--client-scope", "api");
		assertEquals(List.of("client_credentials"), cc.scenarios());
		assertEquals("api", cc.external().serviceScope());
		assertEquals(null, cc.external().codeClient());

		Options ours = Options.parse("--issuer", "http://127.0.0.1:9000", "--server-pid", "1", "--scenarios",
				"password_sign_in", "--code-client-id", "web", "--code-client-secret", "s", "--redirect-uri", "https://rp/cb",
				"--username", "u", "--password", "p", "--login", "smsauth");
		assertEquals(PasswordHash.ARGON2ID, ours.external().passwordHash());
	}

	@Test
	void thePasswordHashIsChosenByNameAndPricedFromItsOwnFloorColumn() {
		Options older = Options.parse("--issuer", "http://x", "--server-pid", "1", "--scenarios", "password_sign_in",
				"--code-client-id", "web", "--code-client-secret", "s", "--redirect-uri", "https://rp/cb", "--username", "u",
				"--password", "p", "--password-hash", "PBKDF2-SHA512");
		assertEquals(PasswordHash.PBKDF2_SHA512, older.external().passwordHash());
		assertEquals(PasswordHash.KEYCLOAK_ARGON2ID, PasswordHash.of("keycloak-argon2id"));
		assertThrows(Options.UsageException.class, () -> PasswordHash.of("argon2"));

		Floor floor = new Floor(1, 2, 3, 4, 5, 6, 7, 8, 9, 0.3, 0.05, "made up");
		assertEquals(4, PasswordHash.ARGON2ID.ms(floor));
		assertEquals(8, PasswordHash.KEYCLOAK_ARGON2ID.ms(floor));
		assertEquals(7, PasswordHash.PBKDF2_SHA512.ms(floor));
		// the hash, then the code exchange's access and ID tokens (2 x RS256) and the client secret's SHA-256
		assertEquals(8 + 2 * 1 + 6, floor.passwordSignIn(PasswordHash.KEYCLOAK_ARGON2ID));
	}

	@Test
	void externalOptionsAreChecked() {
		// the scenarios that need our management API or SMS outbox are not offered
		assertThrows(Options.UsageException.class, () -> Options.parse("--issuer", "http://x", "--server-pid", "1", "--scenarios",
				"sms_sign_in"));
		assertThrows(Options.UsageException.class, () -> Options.parse("--issuer", "http://x", "--scenarios", "client_credentials",
				"--client-id", "a", "--client-secret", "b"));
		assertThrows(Options.UsageException.class, () -> Options.parse("--issuer", "http://x", "--server-pid", "abc"));
		assertThrows(Options.UsageException.class, () -> Options.parse("--issuer", "http://x", "--server-pid", "1", "--scenarios",
				"client_credentials", "--client-id", "a"));
		assertThrows(Options.UsageException.class, () -> Options.parse("--issuer", "http://x", "--server-pid", "1", "--scenarios",
				"userinfo", "--code-client-id", "a", "--code-client-secret", "b", "--redirect-uri", "r", "--username", "u"));
		assertThrows(Options.UsageException.class, () -> Options.parse("--issuer", "http://x", "--server-pid", "1", "--scenarios",
				"client_credentials", "--client-id", "a", "--client-secret", "b", "--login", "okta"));
		assertThrows(Options.UsageException.class, () -> Options.parse("--jar", "x.jar", "--client-id", "a"));
	}

}
