package dev.smsauth.bench;

import java.util.Map;

/**
 * Our hosted pages, password step only (an application without a second factor): authorize (its
 * answer is the sign-in page) → POST /login with the CSRF token, whose answer is the redirect with the
 * code (servers before answered with a redirect to the authorization endpoint first).
 */
final class SmsAuthLogin implements LoginAdapter {

	@Override
	public String signIn(Browser browser, String authorizeUrl, String username, String password) {
		Response login = signInPage(browser, authorizeUrl);
		Response afterPassword = browser.submit(login, "/login", Map.of("username", username, "password", password));
		// The password's answer is the redirect with the code (the waiting request resumed in place), or,
		// from servers before that, a redirect to the authorization endpoint first: both count in an A/B.
		Response toClient = afterPassword.isRedirect() && afterPassword.location().contains("code=") ? afterPassword
				: browser.follow(afterPassword.expectRedirectTo("/oauth2/authorize", "sign in"));
		if (!toClient.isRedirect() || !toClient.location().contains("code=")) {
			throw new BenchException("authorize after the password: expected the redirect with the code but got "
					+ toClient.status() + " " + toClient.location());
		}
		return toClient.location();
	}

	/**
	 * The sign-in page: the authorization endpoint's own answer, or, from servers before it answered
	 * with the page, the page it redirects to; both count in an A/B.
	 */
	static Response signInPage(Browser browser, String authorizeUrl) {
		Response first = browser.get(authorizeUrl);
		if (first.isRedirect()) {
			return browser.follow(first.expectRedirectTo("/login", "authorize")).expect(200, "sign-in page");
		}
		return first.expect(200, "the authorization endpoint's sign-in page");
	}

}
