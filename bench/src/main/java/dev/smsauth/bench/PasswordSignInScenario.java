package dev.smsauth.bench;

/**
 * A person signs in with username and password alone, through the provider's own login pages, and
 * the relying party redeems the code: the flow both products offer, so the one to put side by
 * side. Most of its CPU is the password hash, which each product chooses differently, so the
 * report also gives the cost beyond that hash.
 */
final class PasswordSignInScenario implements Scenario {

	private final Provider provider;

	PasswordSignInScenario(Provider provider) {
		this.provider = provider;
	}

	@Override
	public String name() {
		return "password_sign_in";
	}

	@Override
	public Operation worker(int index, Http http) {
		provider.passwordSignIn(http, index); // makes the worker's user and application, outside the window
		return () -> provider.passwordSignIn(http, index);
	}

	@Override
	public double floorMs(Floor floor) {
		return floor.passwordSignIn(provider.passwordHash());
	}

	@Override
	public double passwordHashMs(Floor floor) {
		return provider.passwordHash().ms(floor);
	}

	@Override
	public Target target(Floor floor) {
		// Issue 15: at most 8 ms of server CPU beyond the password hash (the code exchange's two
		// signatures included). Side by side with Keycloak, the same "beyond the hash" is compared.
		return Target.cpuMs("<= hash + 8 ms", passwordHashMs(floor) + 8);
	}

}
