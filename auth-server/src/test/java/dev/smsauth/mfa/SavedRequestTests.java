package dev.smsauth.mfa;

import java.util.Map;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request a sign-in resumes is the one the person navigated to, never what a page's script
 * asked for meanwhile (the SMS step polls "another route" while the session may have ended).
 */
@AuthServerTest
class SavedRequestTests extends MfaTestBase {

	@Test
	void whenAScriptAsksForJsonBeforeTheSignInThenTheSignInStillResumesTheAuthorizationRequest() {
		Person person = person();
		Visitor visitor = visitor(app(false));
		TestBrowser.Page authorize = visitor.authorize();
		assertThat(authorize.isSignInPage()).isTrue();

		TestBrowser.Page poll = visitor.browser().get("/mfa/sms/another-route", Map.of("Accept", "application/json"));
		TestBrowser.Page xhr = visitor.browser().get("/account/devices", Map.of("X-Requested-With", "XMLHttpRequest"));
		assertThat(poll.status()).as("signed out").isIn(302, 401, 403);
		assertThat(xhr.status()).as("signed out").isIn(302, 401, 403);

		TestBrowser.Page signedIn = visitor.signIn(person.username(), person.password());

		assertThat(signedIn.location()).as("resumes the authorization request: its answer, the code")
			.startsWith(REDIRECT + "?code=");
	}

	@Test
	void whenThePersonNavigatesToAnotherPageBeforeSigningInThenThatPageIsResumed() {
		Person person = person();
		Visitor visitor = visitor(app(false));
		visitor.authorize();

		visitor.browser().get("/account/devices");
		TestBrowser.Page signedIn = visitor.signIn(person.username(), person.password());

		assertThat(signedIn.location()).as("a navigation is still saved").contains("/account/devices");
	}

}
