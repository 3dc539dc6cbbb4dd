package dev.smsauth.bench;

/**
 * What the token scenarios need from an authorization server: ours, set up through its management
 * API ({@link OurProvider}), or any OpenID provider given on the command line
 * ({@link ExternalProvider}). The scenarios send the same requests to either, so the two runs
 * compare like with like.
 */
interface Provider {

	Endpoints endpoints();

	/** The confidential client of the client_credentials grant. */
	Management.App serviceClient();

	/** The scope a client_credentials request asks for, or null to ask for none. */
	String serviceScope();

	/**
	 * A sign-in before the warm-up, for the scenarios that start from a user's tokens (refresh,
	 * userinfo, introspection); on our server it is the full SMS sign-in.
	 */
	Tokens signIn(Http http, int worker);

	/** The password_sign_in operation: authorize, the login form, the code, the token request. */
	Tokens passwordSignIn(Http http, int worker);

	/** The hash that sign-in checks. */
	PasswordHash passwordHash();

	/**
	 * Whether the provider's database runs inside the measured process (our embedded default: H2),
	 * so that its CPU is in the server's figure. Unknown for another provider: assumed so.
	 */
	default boolean databaseInProcess() {
		return true;
	}


}
