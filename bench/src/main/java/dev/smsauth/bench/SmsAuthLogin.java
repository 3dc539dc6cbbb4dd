package dev.smsauth.bench;

import java.util.Map;

/**
 * Our hosted pages, password step only (an application without a second factor): authorize →
 * /login → POST /login with the CSRF token → authorize again → redirect with the code.
 */
final class SmsAuthLogin implements LoginAdapter {

	@Override
	public String signIn(Browser browser, String authorizeUrl, String username, String password) {
		Response toLogin = browser.get(authorizeUrl).expectRedirectTo("/login", "authorize");
		Response login = browser.follow(toLogin).expect(200, "sign-in page");
		Response afterPassword = browser.submit(login, "/login", Map.of("username", username, "password", password));
		afterPassword.expectRedirectTo("/oauth2/authorize", "sign in");
		Response toClient = browser.follow(afterPassword);
		if (!toClient.isRedirect() || !toClient.location().contains("code=")) {
			throw new BenchException("authorize after the password: expected the redirect with the code but got "
					+ toClient.status() + " " + toClient.location());
		}
		return toClient.location();
	}

}
