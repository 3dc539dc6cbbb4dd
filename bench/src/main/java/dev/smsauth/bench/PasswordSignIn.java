package dev.smsauth.bench;

/**
 * A sign-in with the password alone, through any provider's pages: the authorization request
 * (PKCE S256, state, nonce) → the provider's login form through its {@link LoginAdapter} → the
 * redirect with the code → the code exchange. A new browser (new cookies) each time.
 */
final class PasswordSignIn {

	private final Endpoints endpoints;

	private final LoginAdapter login;

	private final String redirectUri;

	private final String scope;

	PasswordSignIn(Endpoints endpoints, LoginAdapter login, String redirectUri, String scope) {
		this.endpoints = endpoints;
		this.login = login;
		this.redirectUri = redirectUri;
		this.scope = scope;
	}

	Tokens run(Http http, Management.App client, String username, String password) {
		Pkce pkce = Pkce.create();
		String authorize = endpoints.authorization() + (endpoints.authorization().contains("?") ? "&" : "?")
				+ "response_type=code&client_id=" + Http.encode(client.clientId()) + "&redirect_uri=" + Http.encode(redirectUri)
				+ "&scope=" + Http.encode(scope) + "&state=bench-state&nonce=bench-nonce&code_challenge=" + pkce.challenge()
				+ "&code_challenge_method=S256";
		String location = login.signIn(new Browser(http), authorize, username, password);
		return CodeExchange.redeem(http, endpoints.token(), client, redirectUri, location, pkce);
	}

}
