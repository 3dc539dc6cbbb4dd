package dev.smsauth.bench;

/**
 * How a person gets through a provider's own sign-in pages with a username and password: from the
 * authorization request to the provider's redirect back to the client. Each product's pages
 * differ (our hosted pages with CSRF tokens; Keycloak's login form with its action URL), the
 * protocol on either side of them does not.
 */
interface LoginAdapter {

	/** Follows {@code authorizeUrl} through the login form; returns the Location of the redirect that carries the code. */
	String signIn(Browser browser, String authorizeUrl, String username, String password);

	static LoginAdapter named(String name) {
		return switch (name) {
			case "keycloak" -> new KeycloakLogin();
			case "smsauth" -> new SmsAuthLogin();
			default -> throw new Options.UsageException("--login must be keycloak or smsauth");
		};
	}

}
