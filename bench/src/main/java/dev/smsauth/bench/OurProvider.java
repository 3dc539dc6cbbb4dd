package dev.smsauth.bench;

/**
 * Our server started by the benchmark: clients and users made through the management API
 * ({@link Fixtures}), each worker signing in as its own user. The scenarios that start from a
 * user's tokens get them from the full SMS sign-in, as they always have, so their numbers stay
 * comparable with earlier runs.
 */
final class OurProvider implements Provider {

	/** What an application of ours may ask for; Keycloak's realm gets the same "openid profile". */
	static final String SIGN_IN_SCOPE = "openid profile";

	private final Fixtures fixtures;

	private final SmsSignIn smsSignIn;

	private final PasswordSignIn passwordSignIn;

	private final boolean databaseInProcess;

	/** @param databaseInProcess true on the embedded default (H2 in the server), false on MariaDB */
	OurProvider(Fixtures fixtures, boolean databaseInProcess) {
		this.fixtures = fixtures;
		this.databaseInProcess = databaseInProcess;
		this.smsSignIn = new SmsSignIn(fixtures);
		this.passwordSignIn = new PasswordSignIn(Endpoints.OURS, new SmsAuthLogin(), Fixtures.REDIRECT_URI, SIGN_IN_SCOPE);
	}

	Fixtures fixtures() {
		return fixtures;
	}

	@Override
	public boolean databaseInProcess() {
		return databaseInProcess;
	}

	@Override
	public Endpoints endpoints() {
		return Endpoints.OURS;
	}

	@Override
	public Management.App serviceClient() {
		return fixtures.clientCredentialsApp();
	}

	@Override
	public String serviceScope() {
		return "bench.read";
	}

	@Override
	public Tokens signIn(Http http, int worker) {
		fixtures.ensureUsers(worker + 1);
		return smsSignIn.run(http, worker);
	}

	@Override
	public Tokens passwordSignIn(Http http, int worker) {
		fixtures.ensureUsers(worker + 1);
		return passwordSignIn.run(http, fixtures.passwordApp(), Fixtures.username(worker), Fixtures.PASSWORD);
	}

	@Override
	public PasswordHash passwordHash() {
		return PasswordHash.ARGON2ID;
	}

}
