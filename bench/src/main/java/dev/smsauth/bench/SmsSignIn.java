package dev.smsauth.bench;

import java.util.Map;

/**
 * One complete sign-in with the SMS step, hop by hop as a browser makes it, then the relying
 * party's code exchange: authorize (PKCE; its answer is the sign-in page) → sign in (CSRF; its answer
 * sends the browser to the SMS page) → /mfa/sms → Send code (its answer is the page with the code's
 * field) → code from the dev outbox → Verify (its answer is the redirect with the code) →
 * /oauth2/token: seven requests. Servers before took one to four more (Send code's answer a redirect
 * to the page, the password's answer and the code's back to the authorization endpoint first, the
 * sign-in page as a redirect); all of them count in an A/B.
 */
final class SmsSignIn {

	private final Fixtures fixtures;

	SmsSignIn(Fixtures fixtures) {
		this.fixtures = fixtures;
	}

	Tokens run(Http http, int user) {
		Management.App app = fixtures.smsApp();
		Browser browser = new Browser(http);
		Pkce pkce = Pkce.create();
		String authorize = "/oauth2/authorize?response_type=code&client_id=" + Http.encode(app.clientId())
				+ "&redirect_uri=" + Http.encode(Fixtures.REDIRECT_URI) + "&scope=" + Http.encode("openid profile phone offline_access")
				+ "&state=bench-state&nonce=bench-nonce&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256";

		Response login = SmsAuthLogin.signInPage(browser, authorize);
		Response afterPassword = browser.submit(login, "/login",
				Map.of("username", Fixtures.username(user), "password", Fixtures.PASSWORD));
		// Straight to the SMS page (since the password's answer knows the waiting request needs it), or,
		// from servers before that, through the authorization endpoint first: both count in an A/B.
		Response toSms = afterPassword.isRedirect() && afterPassword.location().contains("/mfa/sms") ? afterPassword
				: browser.follow(afterPassword.expectRedirectTo("/oauth2/authorize", "sign in"))
					.expectRedirectTo("/mfa/sms", "authorize after the password");
		Response smsPage = browser.follow(toSms).expect(200, "SMS page");
		Response sent = browser.submit(smsPage, "/mfa/sms/send", Map.of());
		// The page with the code's field is Send code's own answer, or, from servers before that, the
		// page a redirect sends the browser to: both count in an A/B.
		Response codePage = (sent.isRedirect() ? browser.follow(sent.expectRedirectTo("/mfa/sms", "send code")) : sent)
			.expect(200, "SMS page after sending");
		String code = fixtures.management().latestCode(http, fixtures.phone(user));
		Response verified = browser.submit(codePage, "/mfa/sms/verify", Map.of("code", code));
		// The code's answer is the redirect to the application (the waiting request resumed in place),
		// or, from servers before that, a redirect to the authorization endpoint first: both count in an A/B.
		Response toClient = verified.isRedirect() && verified.location().startsWith(Fixtures.REDIRECT_URI) ? verified
				: browser.follow(verified.expectRedirectTo("/oauth2/authorize", "verify"))
					.expectRedirectTo(Fixtures.REDIRECT_URI, "authorize after the SMS step");
		return CodeExchange.redeem(http, Endpoints.OURS.token(), app, Fixtures.REDIRECT_URI, toClient.location(), pkce);
	}

}
