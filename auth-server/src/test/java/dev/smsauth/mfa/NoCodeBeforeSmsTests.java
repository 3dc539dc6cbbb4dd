package dev.smsauth.mfa;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue rule 2: no authorization code reaches an application that requires SMS before the code
 * was verified, whatever the browser asks for. Every test checks both what the browser saw (no
 * redirect carrying {@code code}) and what the server stored (no code issued to the application).
 */
@AuthServerTest
class NoCodeBeforeSmsTests extends MfaTestBase {

	@Test
	void whenAuthorizeReplayedAfterPasswordThenSmsPageAndNoCode() {
		App app = app(true);
		Person person = person();
		Visitor visitor = atSmsStep(app, person);

		for (int i = 0; i < 3; i++) {
			TestBrowser.Page replay = visitor.authorize();
			assertThat(replay.status()).isEqualTo(302);
			assertThat(replay.location()).matches(smsStep());
		}
		assertThat(visitor.smsPage().status()).isEqualTo(200);
		visitor.assertNoCodeInAnyHop();
		assertThat(codesIssued(app)).isZero();
	}

	@Test
	void whenPromptNoneBeforeSmsThenInteractionRequiredAndNoCode() {
		App app = app(true);
		Person person = person();
		Visitor visitor = atSmsStep(app, person);

		TestBrowser.Page silent = visitor.authorize(Map.of("prompt", "none"));
		assertThat(silent.status()).isEqualTo(302);
		assertThat(silent.location()).startsWith(REDIRECT + "?");
		assertThat(SignInFlow.param(silent, "error")).isEqualTo("interaction_required");
		visitor.assertNoCodeInAnyHop();
		assertThat(codesIssued(app)).isZero();
	}

	@Test
	void whenAuthorizationRequestPostedInsteadOfGetThenStillNoCode() {
		App app = app(true);
		Person person = person();
		Visitor visitor = atSmsStep(app, person);
		TestBrowser.Page smsPage = visitor.smsPage();

		// The same authorization request as a form POST (OpenID Connect allows POST).
		Map<String, String> form = new LinkedHashMap<>();
		form.put("response_type", "code");
		form.put("client_id", app.clientId());
		form.put("redirect_uri", REDIRECT);
		form.put("scope", "openid profile");
		form.put("state", "posted-state");
		form.put("nonce", "posted-nonce");
		form.put("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
		form.put("code_challenge_method", "S256");
		form.put("_csrf", smsPage.csrf());
		TestBrowser.Page posted = visitor.browser().post("/oauth2/authorize", form);
		// A consent-style POST (client_id, state, scope only) must not slip through either.
		TestBrowser.Page consent = visitor.browser().post("/oauth2/authorize", Map.of("client_id", app.clientId(),
				"state", "posted-state", "scope", "profile", "_csrf", smsPage.csrf()));

		// A posted request is answered with 303 to the same request by GET, which then meets the rule.
		assertThat(posted.status()).isEqualTo(303);
		assertThat(posted.location()).startsWith(base + "/oauth2/authorize?");
		TestBrowser.Page replayed = visitor.get(posted.location());
		assertThat(replayed.status()).isEqualTo(302);
		assertThat(replayed.location()).matches(smsStep());
		assertThat(consent.status()).isEqualTo(302);
		assertThat(consent.location()).matches(smsStep());
		visitor.assertNoCodeInAnyHop();
		assertThat(codesIssued(app)).isZero();
	}

	@Test
	void whenBackButtonAfterWrongCodeThenStillNoCode() {
		App app = app(true);
		Person person = person();
		Visitor visitor = atSmsStep(app, person);
		visitor.sendCode();
		String code = admin.latestCode(person.phone());
		TestBrowser.Page wrong = visitor.verify(otherThan(code));
		assertThat(wrong.status()).isEqualTo(303);
		assertThat(wrong.location()).matches(smsStep());

		// Back to the authorization request, then back to the SMS page.
		TestBrowser.Page back = visitor.authorize();
		assertThat(back.status()).isEqualTo(302);
		assertThat(back.location()).matches(smsStep());
		TestBrowser.Page again = visitor.smsPage();
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body()).contains("Verification code");
		visitor.assertNoCodeInAnyHop();
		assertThat(codesIssued(app)).isZero();

		// The right code still finishes the sign-in: the wrong one cost a try, not the code.
		TestBrowser.Page verified = visitor.verify(code);
		assertThat(visitor.next(verified).location()).startsWith(REDIRECT + "?code=");
	}

	@Test
	void whenTwoTabsThenBothWaitAtSmsPageUntilVerified() {
		App app = app(true);
		Person person = person();
		Visitor tab1 = visitor(app);
		Visitor tab2 = tab1.to(app.clientId(), OTHER_REDIRECT);

		assertThat(tab1.authorize().isSignInPage()).isTrue();
		assertThat(tab2.authorize().isSignInPage()).isTrue();
		TestBrowser.Page afterPassword = tab2.signIn(person.username(), person.password());
		assertThat(afterPassword.status()).isEqualTo(303);
		assertThat(afterPassword.location()).matches(smsStep());
		assertThat(tab1.authorize().location()).matches(smsStep());
		assertThat(tab2.authorize().location()).matches(smsStep());
		assertThat(tab1.smsPage().status()).isEqualTo(200);
		assertThat(tab2.smsPage().status()).isEqualTo(200);
		tab1.assertNoCodeInAnyHop();
		tab2.assertNoCodeInAnyHop();
		assertThat(codesIssued(app)).isZero();

		// Verified in tab 1 (it resumes the request saved last); now each tab's authorization
		// request yields a code for its own redirect URI.
		TestBrowser.Page resumed = passSms(tab1, person.phone());
		assertThat(SignInFlow.codeIn(resumed)).isNotNull();
		assertThat(tab1.authorize().location()).startsWith(REDIRECT + "?code=");
		assertThat(tab2.authorize().location()).startsWith(OTHER_REDIRECT + "?code=");
	}

	@Test
	void whenCodeOfUserATypedInUserBSessionThenRefused() {
		App app = app(true);
		Person alice = person();
		Person bob = person();
		Visitor aliceAtSms = atSmsStep(app, alice);
		Visitor bobAtSms = atSmsStep(app, bob);
		aliceAtSms.sendCode();
		String aliceCode = admin.latestCode(alice.phone());

		// Bob has asked for no code at all: Alice's code means nothing in his session.
		TestBrowser.Page noCodeYet = bobAtSms.verify(aliceCode);
		assertThat(noCodeYet.location()).matches(smsStep());
		assertThat(bobAtSms.smsMessages()).isEqualTo("Send a code first.");

		// Bob has his own code: Alice's is wrong for it.
		bobAtSms.sendCode();
		String bobCode = admin.latestCode(bob.phone());
		if (!bobCode.equals(aliceCode)) {
			TestBrowser.Page wrong = bobAtSms.verify(aliceCode);
			assertThat(wrong.location()).matches(smsStep());
			assertThat(bobAtSms.smsMessages()).startsWith("That code is not right.");
		}
		assertThat(bobAtSms.authorize().location()).matches(smsStep());
		bobAtSms.assertNoCodeInAnyHop();
		assertThat(codesIssued(app)).isZero();

		// Alice's code still works for Alice, and the code she gets is hers.
		TestBrowser.Page aliceDone = aliceAtSms.next(aliceAtSms.verify(aliceCode));
		assertThat(aliceDone.location()).startsWith(REDIRECT + "?code=");
		assertThat(aliceAtSms.idToken(aliceDone, app.secret()).get("sub").asString()).isEqualTo(alice.id());
	}

	// SECURITY.md SMS 4: a code is bound to one login transaction, not only to the user. The same
	// person signs in twice (two browsers); the unused code of the first login means nothing in the second.
	@Test
	void whenUnusedCodeOfOneLoginTypedInAnotherLoginOfTheSamePersonThenRefused() {
		App app = app(true);
		Person person = person();
		Visitor first = atSmsStep(app, person);
		Visitor second = atSmsStep(app, person);
		first.sendCode();
		String firstCode = admin.latestCode(person.phone());

		TestBrowser.Page refused = second.verify(firstCode);
		assertThat(refused.location()).matches(smsStep());
		assertThat(second.smsMessages()).isEqualTo("Send a code first.");
		assertThat(second.authorize().location()).matches(smsStep());
		second.assertNoCodeInAnyHop();
		assertThat(codesIssued(app)).isZero();

		// The code was not spent by the attempt: the login it belongs to still finishes with it.
		TestBrowser.Page done = first.next(first.verify(firstCode));
		assertThat(done.location()).startsWith(REDIRECT + "?code=");
		assertThat(codesIssued(app)).isOne();
	}

	@Test
	void whenVerifyPostedWithoutPasswordSessionThenRedirectedToLogin() {
		App app = app(true);
		Person person = person();
		Visitor other = atSmsStep(app, person);
		other.sendCode();
		String code = admin.latestCode(person.phone());

		// A browser that never gave the password, with a valid CSRF token of its own.
		TestBrowser stranger = new TestBrowser(base);
		TestBrowser.Page login = stranger.get("/login");
		TestBrowser.Page verify = stranger.submit(login, "/mfa/sms/verify", Map.of("code", code));
		assertThat(verify.status()).isEqualTo(302);
		assertThat(verify.location()).isEqualTo(base + "/login");
		TestBrowser.Page send = stranger.submit(login, "/mfa/sms/send", Map.of("phoneNumber", person.phone()));
		assertThat(send.location()).isEqualTo(base + "/login");
		assertThat(outboxSize(person.phone())).isEqualTo(1);
		assertThat(codesIssued(app)).isZero();
	}

	/** A well-formed code that is not {@code code}. */
	static String otherThan(String code) {
		return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
	}

}
