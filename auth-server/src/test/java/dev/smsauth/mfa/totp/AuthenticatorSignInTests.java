package dev.smsauth.mfa.totp;

import java.time.Duration;

import dev.smsauth.mfa.Factors;
import dev.smsauth.mfa.Visitor;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in to an application that requires the MFA step, as a person with an authenticator app:
 * the app is offered first, its code is the MFA step (amr otp), a code is good once, five wrong
 * tries end the sign-in, SMS stays available, and people without an app see the SMS page as before.
 */
@AuthServerTest
class AuthenticatorSignInTests extends AuthenticatorTestBase {

	private static final String SESSION_COOKIE = "SMSAUTH_SESSION";

	@Test
	void whenAuthenticatorCodeVerifiedThenCodeIssuedAndIdTokenSaysOtpAndMfa() {
		Person person = person();
		PhoneApp phoneApp = enrolled(person);
		App app = app(true);
		clock.advance(Duration.ofSeconds(30)); // the enrollment used the current code
		Visitor visitor = atAuthenticatorStep(app, person);

		TestBrowser.Page page = visitor.get("/mfa/authenticator");
		assertThat(page.body()).contains("<label for=\"code\">Authenticator code</label>")
			.contains(">Verify</button>")
			.contains("href=\"/mfa/sms\">Send a code by SMS instead</a>");
		// Nothing issued while the second factor is missing, however often the request is replayed.
		TestBrowser.Page again = visitor.authorize();
		assertThat(again.location()).matches(authenticatorStep());
		assertThat(codesIssued(app)).isZero();
		visitor.assertNoCodeInAnyHop();

		TestBrowser.Page verified = typeCode(visitor, phoneApp.codeAt(clock.instant()));
		assertThat(verified.status()).isEqualTo(303);
		assertThat(verified.location()).startsWith(REDIRECT + "?code=");
		assertThat(verified.response().headers().allValues("Set-Cookie")).as("new session id after the factor")
			.anyMatch(cookie -> cookie.startsWith(SESSION_COOKIE + "="));
		TestBrowser.Page toApp = verified;
		assertThat(toApp.location()).startsWith(REDIRECT + "?code=");

		JsonNode idToken = visitor.idToken(toApp, app.secret());
		assertThat(idToken.get("sub").asString()).isEqualTo(person.id());
		assertThat(idToken.get("amr").values().stream().map(JsonNode::asString).toList())
			.containsExactly("pwd", "otp", "mfa");
		assertThat(idToken.get("acr").asString()).isEqualTo(Factors.ACR_MFA);
		// No code by SMS: the enrollment's code, and the notice that a second browser signed in
		// (the enrollment's browser is this person's known device; this one is new).
		java.util.List<String> texts = admin.outbox(person.phone()).valueStream()
			.map(message -> message.get("text").asString())
			.toList();
		assertThat(texts).hasSize(2);
		assertThat(texts).filteredOn(text -> text.startsWith("New sign-in to ")).hasSize(1);
		assertThat(auditEvents(person, "AUTHENTICATOR_VERIFIED")).isEqualTo(1);
	}

	@Test
	void whenCodeAlreadyAcceptedThenRefusedAgainEvenInAnotherSignIn() {
		Person person = person();
		PhoneApp phoneApp = enrolled(person);
		App app = app(true);

		// The code that confirmed the enrollment can not sign in.
		Visitor first = atAuthenticatorStep(app, person);
		TestBrowser.Page replayed = typeCode(first, phoneApp.codeAt(clock.instant()));
		assertThat(replayed.location()).matches(authenticatorStep());
		assertThat(first.get("/mfa/authenticator").alerts()).contains("already used");

		clock.advance(Duration.ofSeconds(30));
		String code = phoneApp.codeAt(clock.instant());
		TestBrowser.Page accepted = typeCode(first, code);
		assertThat(accepted.location()).startsWith(REDIRECT + "?code=");

		// Someone who saw that code, in another browser with the password, within the same 30 s.
		Visitor second = atAuthenticatorStep(app, person);
		TestBrowser.Page stolen = typeCode(second, code);
		assertThat(stolen.location()).matches(authenticatorStep());
		assertThat(second.authorize().location()).matches(authenticatorStep());
		second.assertNoCodeInAnyHop();
		assertThat(jdbc.sql("SELECT last_used_step FROM user_authenticator WHERE user_id = :id")
			.param("id", person.id())
			.query(Long.class)
			.single()).isEqualTo(Totp.stepAt(clock.instant()));
	}

	@Test
	void whenPhoneClockIsOneStepOffThenAcceptedButTwoStepsOffThenRefused() {
		Person person = person();
		PhoneApp phoneApp = enrolled(person);
		App app = app(true);
		clock.advance(Duration.ofSeconds(90));
		long now = Totp.stepAt(clock.instant());
		Visitor visitor = atAuthenticatorStep(app, person);

		assertThat(typeCode(visitor, phoneApp.codeOfStep(now + 2)).location()).matches(authenticatorStep());
		assertThat(typeCode(visitor, phoneApp.codeOfStep(now - 1)).location()).startsWith(REDIRECT + "?code=");
	}

	@Test
	void whenFiveWrongCodesThenEvenTheRightCodeIsRefusedUntilSignedInAgain() {
		Person person = person();
		PhoneApp phoneApp = enrolled(person);
		App app = app(true);
		clock.advance(Duration.ofSeconds(30));
		Visitor visitor = atAuthenticatorStep(app, person);
		String wrong = phoneApp.wrongCodeAt(clock.instant());

		for (int i = 1; i <= 4; i++) {
			typeCode(visitor, wrong);
			assertThat(visitor.get("/mfa/authenticator").alerts()).isEqualTo("That code is not right. " + (5 - i)
					+ " tries left.");
		}
		typeCode(visitor, wrong);
		TestBrowser.Page locked = visitor.get("/mfa/authenticator");
		assertThat(locked.alerts()).contains("Too many wrong codes");
		assertThat(locked.body()).doesNotContain("<label for=\"code\">");
		TestBrowser.Page right = typeCode(visitor, phoneApp.codeAt(clock.instant()));
		assertThat(right.location()).matches(authenticatorStep());
		assertThat(visitor.authorize().location()).matches(authenticatorStep());
		assertThat(codesIssued(app)).isZero();
		assertThat(auditEvents(person, "AUTHENTICATOR_CODE_WRONG")).isEqualTo(5);
		assertThat(auditEvents(person, "AUTHENTICATOR_LOCKED")).isEqualTo(1);
		// The holder is told on their phone, as after five wrong SMS codes (SECURITY.md SMS 14).
		assertThat(auditEvents(person, "NOTICE_SENT")).isEqualTo(1);
		assertThat(outboxSize(person.phone())).as("the enrollment's SMS and the notice").isEqualTo(2);
		assertThat(jdbc.sql("SELECT details FROM audit_event WHERE user_id = :id").param("id", person.id())
			.query(String.class)
			.list()).noneMatch(details -> details != null && details.contains(wrong));

		// Starting over (a new sign-in) gives new tries.
		clock.advance(Duration.ofSeconds(1));
		TestBrowser.Page afterPassword = visitor.signIn(person.username(), person.password());
		assertThat(afterPassword.location()).matches(authenticatorStep());
		assertThat(typeCode(visitor, phoneApp.codeAt(clock.instant())).location())
			.startsWith(REDIRECT + "?code=");
	}

	@Test
	void whenSmsChosenInsteadThenTheSmsStepStillWorksAndOffersTheAppBack() {
		Person person = person();
		enrolled(person);
		App app = app(true);
		clock.advance(Duration.ofSeconds(61)); // past the resend cooldown of the enrollment's SMS
		Visitor visitor = atAuthenticatorStep(app, person);

		TestBrowser.Page sms = visitor.smsPage();
		assertThat(sms.status()).isEqualTo(200);
		assertThat(sms.body()).contains(">Send code</button>")
			.contains("href=\"/mfa/authenticator\">Use your authenticator app instead</a>")
			.contains(person.masked());
		TestBrowser.Page toApp = passSms(visitor, person.phone());
		assertThat(toApp.location()).startsWith(REDIRECT + "?code=");
		JsonNode idToken = visitor.idToken(toApp, app.secret());
		assertThat(idToken.get("amr").values().stream().map(JsonNode::asString).toList())
			.containsExactly("pwd", "sms", "mfa");
	}

	@Test
	void whenNoAuthenticatorAppThenSmsPageAsBeforeWithOneLinePointingToTheApp() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);

		TestBrowser.Page sms = visitor.smsPage();
		assertThat(sms.body()).contains(">Send code</button>")
			.contains(person.masked())
			.contains("SMS codes are less secure than an authenticator app. After signing in you can set one up.")
			.contains("href=\"/account/authenticator\">Set up an authenticator app</a>")
			.doesNotContain("/mfa/authenticator")
			.doesNotContain("Authenticator code");
		assertThat(visitor.get("/mfa/authenticator").location()).isEqualTo(base + "/mfa/sms");
		visitor.sendCode();
		assertThat(visitor.smsPage().body()).contains("<label for=\"code\">Verification code</label>")
			.contains(">Verify</button>");
		TestBrowser.Page verified = visitor.verify(admin.latestCode(person.phone()));
		assertThat(verified.location()).startsWith(REDIRECT + "?code=");
	}

	@Test
	void whenAppRequiresNoMfaThenNoAuthenticatorStep() {
		Person person = person();
		enrolled(person);
		Visitor visitor = visitor(app(false));
		visitor.authorize();
		TestBrowser.Page afterPassword = visitor.signIn(person.username(), person.password());
		assertThat(visitor.next(afterPassword).location()).startsWith(REDIRECT + "?code=");
	}

	@Test
	void whenAcrValuesAskForMfaThenAuthenticatorStep() {
		Person person = person();
		PhoneApp phoneApp = enrolled(person);
		App app = app(false);
		clock.advance(Duration.ofSeconds(30));
		Visitor visitor = visitor(app);
		visitor.authorize(java.util.Map.of("acr_values", Factors.ACR_MFA));
		TestBrowser.Page afterPassword = visitor.signIn(person.username(), person.password());
		assertThat(afterPassword.location()).matches(authenticatorStep());
		TestBrowser.Page verified = typeCode(visitor, phoneApp.codeAt(clock.instant()));
		JsonNode idToken = visitor.idToken(verified, app.secret());
		assertThat(idToken.get("acr").asString()).isEqualTo(Factors.ACR_MFA);
		assertThat(idToken.get("amr").values().stream().map(JsonNode::asString).toList()).contains("otp", "mfa");
	}

	@Test
	void whenWrongCodesOfEitherFactorReachTheHourlyBudgetThenBothFactorsRefuse() {
		Person person = person();
		PhoneApp phoneApp = enrolled(person);
		App app = app(true);
		clock.advance(Duration.ofSeconds(61)); // past the resend cooldown of the enrollment's SMS
		Visitor visitor = atAuthenticatorStep(app, person);
		typeCode(visitor, phoneApp.wrongCodeAt(clock.instant()));
		// 99 more wrong second-factor codes this hour (as if from other sign-ins): the budget of 100 is spent.
		dev.smsauth.support.Budgets.spend(jdbc, "mfa:fail:" + person.id(), 99, clock.instant());

		visitor.sendCode();
		assertThat(visitor.smsMessages()).isEqualTo("Too many codes were requested. Please try again later.");
		assertThat(outboxSize(person.phone())).as("only the enrollment's SMS").isEqualTo(1);
		TestBrowser.Page right = typeCode(visitor, phoneApp.codeAt(clock.instant()));
		assertThat(right.location()).matches(authenticatorStep());
		assertThat(visitor.get("/mfa/authenticator").alerts()).isEqualTo("Too many failed attempts. Please try again later.");

		// And the other way round: wrong SMS codes of the hour count for the authenticator app too.
		Person other = person();
		PhoneApp otherApp = enrolled(other);
		clock.advance(Duration.ofSeconds(30));
		// 100 wrong SMS codes this hour: they are counted in the same budget.
		dev.smsauth.support.Budgets.spend(jdbc, "mfa:fail:" + other.id(), 100, clock.instant());
		Visitor otherVisitor = atAuthenticatorStep(app, other);
		assertThat(typeCode(otherVisitor, otherApp.codeAt(clock.instant())).location()).matches(authenticatorStep());
		assertThat(codesIssued(app)).isZero();
	}

	@Test
	void whenAppButNoPhoneThenSmsStepCanNotBeUsedToGetAround() {
		Person person = personWithoutPhone();
		TestBrowser browser = signedIn(person);
		// No phone and no app: the password alone may bind the first authenticator.
		PhoneApp phoneApp = enroll(browser, person);
		App app = app(true);
		clock.advance(Duration.ofSeconds(30));
		Visitor visitor = atAuthenticatorStep(app, person);

		assertThat(visitor.get("/mfa/authenticator").body()).doesNotContain("Send a code by SMS instead");
		assertThat(visitor.smsPage().location()).isEqualTo(base + "/mfa/authenticator");
		String attacker = newPhone();
		TestBrowser.Page enroll = visitor.browser()
			.submit(visitor.get("/mfa/authenticator"), "/mfa/sms/send", java.util.Map.of("phoneNumber", attacker));
		assertThat(enroll.location()).isEqualTo(base + "/mfa/authenticator");
		assertThat(outboxSize(attacker)).isZero();
		assertThat(typeCode(visitor, phoneApp.codeAt(clock.instant())).location())
			.startsWith(REDIRECT + "?code=");
	}

	// The same way around through the account pages: adding a number needs the app's code first.
	@Test
	void whenAppButNoPhoneThenAddingANumberAtTheAccountPageAsksForTheAppFirst() {
		Person person = personWithoutPhone();
		PhoneApp phoneApp = enroll(signedIn(person), person);
		clock.advance(Duration.ofSeconds(30));
		TestBrowser passwordOnly = signedIn(person);

		TestBrowser.Page page = passwordOnly.get("/account/phone");
		assertThat(page.status()).isEqualTo(303);
		assertThat(page.location()).isEqualTo(base + "/mfa/authenticator");
		String attacker = newPhone();
		TestBrowser.Page send = passwordOnly.post("/account/phone/send",
				java.util.Map.of("phoneNumber", attacker, "_csrf", passwordOnly.get("/login").csrf()));
		assertThat(send.status()).isEqualTo(303);
		assertThat(outboxSize(attacker)).isZero();

		TestBrowser.Page verified = passwordOnly.submit(passwordOnly.get("/mfa/authenticator"),
				"/mfa/authenticator/verify", java.util.Map.of("code", phoneApp.codeAt(clock.instant())));
		assertThat(verified.status()).isEqualTo(303);
		assertThat(passwordOnly.get("/account/phone").status()).isEqualTo(200);
	}

}
