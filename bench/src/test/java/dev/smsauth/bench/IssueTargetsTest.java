package dev.smsauth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The budgets the report checks each scenario against are issue 15's, computed from the floor. */
class IssueTargetsTest {

	/** Made-up primitives, far from any real machine's, so a budget taken from elsewhere shows. */
	private static final Floor FLOOR = new Floor(2.0, 0.5, 0.05, 30.0, 60.0, 0.001, 170.0, 25.0, 0.003, Double.NaN, Double.NaN, "test");

	@Test
	void clientCredentialsWithinOnePointTwoTimesItsRs256Floor() {
		assertEquals(1.2 * (2.0 + 0.001), new ClientCredentialsScenario(new OurProvider(new Fixtures(null), true)).target(FLOOR).limitMs(), 1e-9);
	}

	@Test
	void es256ClientCredentialsAtFifteenHundredPerCpuSecond() {
		Target target = ClientCredentialsScenario.es256(new OurProvider(new Fixtures(null), true)).target(FLOOR);
		assertEquals(1000.0 / 1500, target.limitMs(), 1e-9);
		assertEquals(0.501, ClientCredentialsScenario.es256(new OurProvider(new Fixtures(null), true)).floorMs(FLOOR), 1e-9);
	}

	@Test
	void refreshWithinOnePointThreeTimesTwoSignatures() {
		assertEquals(1.3 * (2 * 2.0 + 0.001), new RefreshScenario(new OurProvider(new Fixtures(null), true)).target(FLOOR).limitMs(), 1e-9);
	}

	@Test
	void passwordSignInAtMostEightMillisecondsBeyondItsHash() {
		assertEquals(30.0 + 8, new PasswordSignInScenario(new OurProvider(new Fixtures(null), true)).target(FLOOR).limitMs(), 1e-9);
	}

	@Test
	void bearerCallsAtFourThousandOnH2AndThreeThousandOnMariaDb() {
		for (BearerScenario.Kind kind : BearerScenario.Kind.values()) {
			assertEquals(0.25, new BearerScenario(new OurProvider(new Fixtures(null), true), kind).target(FLOOR).limitMs(), 1e-9);
			assertEquals(1000.0 / 3000, new BearerScenario(new OurProvider(new Fixtures(null), false), kind).target(FLOOR).limitMs(), 1e-9);
		}
	}

}
