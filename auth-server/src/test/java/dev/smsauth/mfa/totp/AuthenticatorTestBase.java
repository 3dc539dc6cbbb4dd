package dev.smsauth.mfa.totp;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.mfa.Visitor;
import dev.smsauth.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the authenticator-app tests share: a person's phone app (the secret read off the
 * enrollment page, codes computed on the test's movable clock), direct sign-ins, enrollment, and
 * the rows of {@code user_authenticator}.
 */
abstract class AuthenticatorTestBase extends MfaTestBase {

	/** The authenticator app on the person's phone. */
	record PhoneApp(String base32, byte[] key) {

		String codeAt(Instant time) {
			return Totp.code(key, Totp.stepAt(time));
		}

		String codeOfStep(long step) {
			return Totp.code(key, step);
		}

		/** Six digits that are the code of no step within a minute of {@code time}. */
		String wrongCodeAt(Instant time) {
			long now = Totp.stepAt(time);
			for (int candidate = 0;; candidate++) {
				String code = String.format("%06d", candidate * 7919 % 1_000_000);
				if (!code.equals(codeOfStep(now - 1)) && !code.equals(codeOfStep(now)) && !code.equals(codeOfStep(now + 1))) {
					return code;
				}
			}
		}

	}

	protected String authenticatorStep() {
		return Pattern.quote(base + "/mfa/authenticator") + "(\\?.*)?";
	}

	/** Signs in at /login directly (no application), password only. */
	protected TestBrowser signedIn(Person person) {
		TestBrowser browser = new TestBrowser(base);
		TestBrowser.Page after = browser.submit(browser.get("/login"), "/login",
				Map.of("username", person.username(), "password", person.password()));
		assertThat(after.status()).isEqualTo(303);
		return browser;
	}

	/** Signs in at /login directly, then passes the SMS step. */
	protected TestBrowser signedInWithSms(Person person) {
		TestBrowser browser = signedIn(person);
		passSmsHere(browser, person);
		return browser;
	}

	protected TestBrowser.Page passSmsHere(TestBrowser browser, Person person) {
		assertThat(browser.submit(browser.get("/mfa/sms"), "/mfa/sms/send", Map.of()).status()).isEqualTo(200);
		TestBrowser.Page verified = browser.submit(browser.get("/mfa/sms"), "/mfa/sms/verify",
				Map.of("code", admin.latestCode(person.phone())));
		assertThat(verified.status()).isEqualTo(303);
		return verified;
	}

	/** The secret shown on the enrollment page, as the person's app stores it. */
	protected PhoneApp scan(TestBrowser.Page enrollment) {
		assertThat(enrollment.status()).as(enrollment.body()).isEqualTo(200);
		String shown = enrollment.find("data-testid=\"totp-secret\">([A-Z2-7 ]+)<");
		assertThat(shown).as("secret on the page").isNotNull();
		String base32 = shown.replace(" ", "");
		return new PhoneApp(base32, Base32.decode(base32));
	}

	/** Opens the enrollment page, scans, types the app's current code back: the app is saved. */
	protected PhoneApp enroll(TestBrowser browser, Person person) {
		TestBrowser.Page page = browser.get("/account/authenticator");
		PhoneApp app = scan(page);
		TestBrowser.Page confirmed = browser.submit(page, "/account/authenticator/confirm",
				Map.of("code", app.codeAt(clock.instant())));
		assertThat(confirmed.status()).isEqualTo(303);
		assertThat(rows(person)).as("saved after the code").isEqualTo(1);
		return app;
	}

	/** A person with a phone number and a confirmed authenticator app. */
	protected PhoneApp enrolled(Person person) {
		return enroll(signedInWithSms(person), person);
	}

	protected int rows(Person person) {
		return jdbc.sql("SELECT COUNT(*) FROM user_authenticator WHERE user_id = :id")
			.param("id", person.id())
			.query(Integer.class)
			.single();
	}

	/** Authorize and the password: asserts the browser is then sent to the authenticator step. */
	protected Visitor atAuthenticatorStep(App app, Person person) {
		Visitor visitor = visitor(app);
		assertThat(visitor.authorize().isSignInPage()).isTrue();
		TestBrowser.Page afterPassword = visitor.signIn(person.username(), person.password());
		assertThat(afterPassword.status()).isEqualTo(303);
		assertThat(afterPassword.location()).matches(authenticatorStep());
		return visitor;
	}

	/** Types a code on the authenticator page and presses Verify; the answer is recorded. */
	protected TestBrowser.Page typeCode(Visitor visitor, String code) {
		TestBrowser.Page page = visitor.get("/mfa/authenticator");
		assertThat(page.status()).isEqualTo(200);
		return visitor.browser().submit(page, "/mfa/authenticator/verify", Map.of("code", code));
	}

	protected int auditEvents(Person person, String event) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE user_id = :id AND event = :event")
			.param("id", person.id())
			.param("event", event)
			.query(Integer.class)
			.single();
	}

}
