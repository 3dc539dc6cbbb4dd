package dev.smsauth.bench;

/**
 * Any OpenID provider, set up beforehand (by bench/keycloak.sh for Keycloak): its endpoints from
 * the discovery document, its clients and one user from the command line. Every worker signs in
 * as that one user; each sign-in is a new browser, so a new session.
 */
final class ExternalProvider implements Provider {

	private final External external;

	private final Endpoints endpoints;

	private final PasswordSignIn passwordSignIn;

	ExternalProvider(External external, Endpoints endpoints) {
		this.external = external;
		this.endpoints = endpoints;
		this.passwordSignIn = new PasswordSignIn(endpoints, LoginAdapter.named(external.login()), external.redirectUri(),
				external.signInScope());
	}

	/** Reads {@code <issuer>/.well-known/openid-configuration}. */
	static ExternalProvider discover(External external) {
		String issuer = external.issuer().endsWith("/") ? external.issuer().substring(0, external.issuer().length() - 1)
				: external.issuer();
		Response discovery = new Http(external.origin()).get(issuer + "/.well-known/openid-configuration")
			.expect(200, "discovery at " + issuer);
		return new ExternalProvider(external, Endpoints.fromDiscovery(discovery.body()));
	}

	@Override
	public Endpoints endpoints() {
		return endpoints;
	}

	@Override
	public Management.App serviceClient() {
		return external.serviceClient();
	}

	@Override
	public String serviceScope() {
		return external.serviceScope();
	}

	@Override
	public Tokens signIn(Http http, int worker) {
		return passwordSignIn(http, worker);
	}

	@Override
	public Tokens passwordSignIn(Http http, int worker) {
		return passwordSignIn.run(http, external.codeClient(), external.username(), external.password());
	}

	@Override
	public PasswordHash passwordHash() {
		return external.passwordHash();
	}

}
