package dev.smsauth.bench;

/**
 * The external-target mode's command line: any OpenID provider, already running, given by its
 * issuer; its CPU is read from {@code /proc/<serverPid>/stat} (every thread of that process).
 *
 * @param issuer the provider's issuer; endpoints come from its discovery document
 * @param serverPid the provider's process (for Keycloak, the java process kc.sh starts)
 * @param serviceClient the confidential client of the client_credentials grant
 * @param serviceScope what a client_credentials request asks for, or null
 * @param codeClient the confidential authorization-code client (standard flow) with a refresh token
 * @param redirectUri a redirect URI registered for {@code codeClient}; never followed, the code is
 * read from the Location header
 * @param username a user with a password and nothing else to do at sign-in (no required actions)
 * @param login the adapter for the provider's login pages ({@code keycloak} or {@code smsauth})
 * @param passwordHash the hash the provider checks at sign-in, for "beyond the password hash"
 * @param signInScope the scope of the authorization request
 * @param label the name in the report, e.g. "keycloak 26.7.3"
 */
record External(String issuer, long serverPid, Management.App serviceClient, String serviceScope, Management.App codeClient,
		String redirectUri, String username, String password, String login, PasswordHash passwordHash, String signInScope,
		String label) {

	/** The scenarios that need nothing but the protocol: no management API, no SMS outbox. */
	static final java.util.List<String> SCENARIOS = java.util.List.of("password_sign_in", "refresh_token", "userinfo",
			"introspection", "client_credentials");

	/** scheme://host:port of the issuer: relative Locations (ours) resolve against it. */
	String origin() {
		java.net.URI uri = java.net.URI.create(issuer);
		return uri.getScheme() + "://" + uri.getRawAuthority();
	}

}
