package dev.smsauth.mfa;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Optional;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;

import static dev.smsauth.mfa.NoCodeBeforeSmsTests.otherThan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web rules the issue lists with the SMS step: POSTs that carry credentials answer 303, the
 * session id changes after each factor, and hosted pages forbid framing and inline scripts.
 */
@AuthServerTest
class HostedPagesHygieneTests extends MfaTestBase {

	static final String SESSION_COOKIE = "SMSAUTH_SESSION";

	@Test
	void whenCredentialsPostedThenSeeOther() {
		Person person = person();
		Visitor visitor = visitor(app(true));
		visitor.authorize();

		TestBrowser.Page badPassword = visitor.signIn(person.username(), "not-the-password");
		assertThat(badPassword.status()).isEqualTo(303);
		assertThat(badPassword.location()).isEqualTo(base + "/login?error");
		TestBrowser.Page goodPassword = visitor.signIn(person.username(), person.password());
		assertThat(goodPassword.status()).isEqualTo(303);
		visitor.follow(goodPassword);

		assertThat(visitor.sendCode().status()).isEqualTo(200);
		String code = admin.latestCode(person.phone());
		assertThat(visitor.verify(otherThan(code)).status()).isEqualTo(303);
		assertThat(visitor.verify(code).status()).isEqualTo(303);
	}

	@Test
	void whenPasswordThenSmsFactorThenSessionIdChangesEachTime() throws Exception {
		Person person = person();
		Visitor visitor = visitor(app(true));

		String anonymous = sessionCookie(visitor.authorize()).orElseThrow();
		TestBrowser.Page afterPassword = visitor.signIn(person.username(), person.password());
		String passwordOnly = sessionCookie(afterPassword).orElseThrow(() -> new AssertionError("no new session id after the password"));
		visitor.follow(afterPassword);
		visitor.sendCode();
		TestBrowser.Page verified = visitor.verify(admin.latestCode(person.phone()));
		String withSms = sessionCookie(verified).orElseThrow(() -> new AssertionError("no new session id after the SMS code"));

		assertThat(passwordOnly).isNotEqualTo(anonymous);
		assertThat(withSms).isNotEqualTo(passwordOnly).isNotEqualTo(anonymous);
		assertThat(visitor.next(verified).location()).startsWith(REDIRECT + "?code=");
		// The session id from before the SMS step opens nothing any more.
		HttpResponse<String> stale = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/mfa/sms"))
				.header("Cookie", SESSION_COOKIE + "=" + passwordOnly)
				.header("Accept", "text/html")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(stale.statusCode()).isEqualTo(302);
		assertThat(stale.headers().firstValue("Location").orElse("")).endsWith("/login");
	}

	@Test
	void whenHostedPageServedThenCspForbidsFramingAndInlineScripts() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		TestBrowser.Page login = new TestBrowser(base).get("/login");
		TestBrowser.Page sms = visitor.smsPage();
		visitor.sendCode();
		TestBrowser.Page smsWithCode = visitor.smsPage();
		TestBrowser.Page enrollment = atSmsStep(app(true), personWithoutPhone()).smsPage();

		for (TestBrowser.Page page : new TestBrowser.Page[] { login, sms, smsWithCode, enrollment }) {
			assertThat(page.status()).isEqualTo(200);
			String csp = page.header("Content-Security-Policy");
			assertThat(csp).as("CSP of %s", page.response().uri()).isNotNull();
			assertThat(directive(csp, "frame-ancestors")).isEqualTo("frame-ancestors 'none'");
			String scripts = Optional.ofNullable(directive(csp, "script-src")).orElse(directive(csp, "default-src"));
			assertThat(scripts).as("script-src of %s", csp).isNotNull().doesNotContain("'unsafe-inline'")
				.doesNotContain("'unsafe-eval'").doesNotContain("*");
		}
	}

	private static String directive(String csp, String name) {
		return Arrays.stream(csp.split(";"))
			.map(String::strip)
			.filter(d -> d.equals(name) || d.startsWith(name + " "))
			.findFirst()
			.orElse(null);
	}

	/** The value of the session cookie a response sets, if it sets one. */
	private static Optional<String> sessionCookie(TestBrowser.Page page) {
		return page.response()
			.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(c -> c.startsWith(SESSION_COOKIE + "="))
			.map(c -> c.substring(SESSION_COOKIE.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
			.filter(v -> !v.isEmpty())
			.findFirst();
	}

}
