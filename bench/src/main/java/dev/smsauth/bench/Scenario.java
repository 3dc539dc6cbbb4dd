package dev.smsauth.bench;

/**
 * One kind of request mix, run by every worker in a closed loop. {@link #worker} is called before
 * the warm-up, so whatever a worker needs first (a refresh token, an access token) is made outside
 * the measurement.
 */
interface Scenario {

	String name();

	/** Prepares worker {@code index} on its own client and returns what it repeats. */
	Operation worker(int index, Http http);

	/** The CPU that the cryptography of one operation cannot avoid, in ms, or NaN where there is none. */
	double floorMs(Floor floor);

	/** The password hash inside one operation, in ms, or NaN for the scenarios that check none. */
	default double passwordHashMs(Floor floor) {
		return Double.NaN;
	}

	/** The signatures of one operation's answer, from the tokens the provider issued, or {@link SigningFloor#NONE}. */
	default SigningFloor signingFloor(Floor floor) {
		return SigningFloor.NONE;
	}

	/** The target for this scenario, or {@link Target#NONE}. */
	Target target(Floor floor);

	/** One operation; throws {@link BenchException} (or any exception) when it failed. */
	@FunctionalInterface
	interface Operation {

		void run();

	}

}
