package dev.smsauth.bench;

/**
 * A person signs in with password and SMS code; the relying party redeems the code. Each worker
 * takes turns among {@value #USERS_PER_WORKER} people of its own, so that no person sends thousands
 * of codes an hour: with one person per worker, that person's SMS budgets (raised to a million for
 * the benchmark), open challenges and outbox held every send of the run, and each send counted them
 * all, a cost that grew with the run and that no real account has (docs/performance.md).
 */
final class SmsSignInScenario implements Scenario {

	static final int USERS_PER_WORKER = 128;

	private final Fixtures fixtures;

	private final SmsSignIn signIn;

	SmsSignInScenario(Fixtures fixtures) {
		this.fixtures = fixtures;
		this.signIn = new SmsSignIn(fixtures);
	}

	@Override
	public String name() {
		return "sms_sign_in";
	}

	@Override
	public Operation worker(int index, Http http) {
		int first = index * USERS_PER_WORKER;
		fixtures.ensureUsers(first + USERS_PER_WORKER);
		fixtures.smsApp();
		int[] turn = { 0 }; // one worker thread runs its operation
		return () -> signIn.run(http, first + turn[0]++ % USERS_PER_WORKER);
	}

	@Override
	public double floorMs(Floor floor) {
		return floor.smsSignIn();
	}

	/** Our sign-in checks the password with Argon2id, once per sign-in. */
	@Override
	public double passwordHashMs(Floor floor) {
		return floor.argon2idMs();
	}

	@Override
	public Target target(Floor floor) {
		return Target.cpuMs("<= Argon2id + 15 ms", passwordHashMs(floor) + 15);
	}

}
