package dev.smsauth.hostile;

import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile codes on the authenticator-app pages: confirming an enrollment at
 * /account/authenticator and the sign-in step /mfa/authenticator, for a session with a fresh
 * password and no second factor yet. Always a 303 (or a 400/413 for a form Tomcat refuses), pages
 * that render safely, and no guessed code sets up an app.
 */
class AuthenticatorPagePropertyTests {

	static Http browser;

	@BeforeContainer
	static void signIn() {
		String user = HostileServer.user("totp", null, false);
		browser = new Http(HostileServer.base());
		browser.signIn(user, user + "-password");
	}

	@Property(tries = 40)
	void whenAnyCodeConfirmsAnEnrollmentThenSeeOtherAndNoAppIsSetUp(
			@ForAll("codeFields") List<Map.Entry<String, String>> fields) {
		Http.Reply reply = browser.postForm("/account/authenticator/confirm",
				Http.pairs(fields) + "&_csrf=" + Http.enc(browser.csrf("/account/authenticator")));
		assertAnswer(reply, fields);
		Http.Reply after = browser.get("/account/authenticator");
		Hostile.assertSafe(after, fields);
		assertThat(after.status()).isIn(200, 303);
		assertThat(after.body()).as("a guessed code set up an app").doesNotContain("An authenticator app is set up");
	}

	@Property(tries = 40)
	void whenAnyCodeIsTypedAtTheSignInStepThenSeeOtherAndItRendersSafely(
			@ForAll("codeFields") List<Map.Entry<String, String>> fields) {
		Http.Reply reply = browser.postForm("/mfa/authenticator/verify",
				Http.pairs(fields) + "&_csrf=" + Http.enc(browser.csrf("/account/authenticator")));
		assertAnswer(reply, fields);
		Http.Reply page = browser.get("/mfa/authenticator");
		Hostile.assertSafe(page, fields);
		assertThat(page.status()).isLessThan(500);
	}

	private static void assertAnswer(Http.Reply reply, Object input) {
		Statistics.collect(reply.status());
		Hostile.assertSafe(reply, input);
		assertThat(reply.status()).as("%s", reply).isIn(303, 400, 413);
	}

	@Provide
	Arbitrary<List<Map.Entry<String, String>>> codeFields() {
		return Hostile.parameters(Map.of("code",
				Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.strings().numeric().ofMaxLength(12)),
						Tuple.of(1, Arbitraries.of("000000", " 123 456 ", "１２３４５６", "12345\u0000", "-12345")),
						Tuple.of(2, Hostile.anyValue()))));
	}

}
