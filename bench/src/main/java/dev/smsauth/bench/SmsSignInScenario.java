package dev.smsauth.bench;

/** A person signs in with password and SMS code; the relying party redeems the code. */
final class SmsSignInScenario implements Scenario {

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
		fixtures.ensureUsers(index + 1);
		fixtures.smsApp();
		return () -> signIn.run(http, index);
	}

	@Override
	public double floorMs(Floor floor) {
		return floor.smsSignIn();
	}

	@Override
	public Target target(Floor floor) {
		return Target.cpuMs("<= Argon2id + 15 ms", floor.argon2idMs() + 15);
	}

}
