package dev.smsauth.mfa.totp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account page /account/authenticator: who may bind or remove an app (a fresh sign-in at the
 * level of the existing factors), that the app is saved only after its first code, and that the
 * secret is stored sealed and shown nowhere else.
 */
@AuthServerTest
@ExtendWith(OutputCaptureExtension.class)
class AuthenticatorEnrollmentTests extends AuthenticatorTestBase {

	@Test
	void whenSignInIsNotFreshOrLacksTheSecondFactorThenEnrollmentSendsThroughItAndBack() {
		Person person = person();
		TestBrowser browser = signedIn(person);

		// Password only, but the account has a phone number: the SMS step first, then back here.
		TestBrowser.Page needsSms = browser.get("/account/authenticator");
		assertThat(needsSms.status()).isEqualTo(303);
		assertThat(needsSms.location()).isEqualTo(base + "/mfa/sms");
		TestBrowser.Page verified = passSmsHere(browser, person);
		assertThat(verified.location()).startsWith(base + "/account/authenticator");
		assertThat(browser.next(verified).body()).contains("data-testid=\"totp-secret\"");

		// Six minutes later the password is not fresh: sign in again, then the SMS step again.
		clock.advance(Duration.ofMinutes(6));
		TestBrowser.Page stale = browser.get("/account/authenticator");
		assertThat(stale.location()).isEqualTo(base + "/login?reauth");
		TestBrowser.Page loginPage = browser.get(stale.location());
		assertThat(loginPage.alerts()).isEqualTo("For your security, please sign in again to continue.");
		TestBrowser.Page confirmStale = browser.submit(loginPage, "/account/authenticator/confirm",
				Map.of("code", "123456"));
		assertThat(confirmStale.location()).isEqualTo(base + "/account/authenticator");
		assertThat(rows(person)).isZero();

		TestBrowser.Page again = browser.submit(loginPage, "/login",
				Map.of("username", person.username(), "password", person.password()));
		assertThat(again.location()).startsWith(base + "/account/authenticator");
		TestBrowser.Page smsAgain = browser.get(again.location());
		assertThat(smsAgain.location()).isEqualTo(base + "/mfa/sms");
		TestBrowser.Page back = passSmsHere(browser, person);
		assertThat(browser.get(back.location()).body()).contains("data-testid=\"totp-secret\"");
	}

	@Test
	void whenConfirmedWithTheRightCodeThenSavedAndWithAWrongCodeNot() {
		Person person = person();
		TestBrowser browser = signedInWithSms(person);
		TestBrowser.Page page = browser.get("/account/authenticator");
		assertThat(page.header("Cache-Control")).contains("no-store");
		PhoneApp phoneApp = scan(page);
		assertThat(phoneApp.key()).as("160-bit secret").hasSize(20);
		assertThat(page.body()).contains("src=\"data:image/png;base64,")
			.contains("href=\"otpauth://totp/Secure%20sign-in:" + person.username() + "?secret=" + phoneApp.base32()
					+ "&amp;issuer=Secure%20sign-in&amp;algorithm=SHA1&amp;digits=6&amp;period=30\"")
			.contains("<label for=\"code\">Authenticator code</label>");

		TestBrowser.Page wrong = browser.submit(page, "/account/authenticator/confirm",
				Map.of("code", phoneApp.wrongCodeAt(clock.instant())));
		assertThat(wrong.status()).isEqualTo(303);
		assertThat(rows(person)).isZero();
		TestBrowser.Page afterWrong = browser.get("/account/authenticator");
		assertThat(afterWrong.alerts()).contains("That code is not right");
		assertThat(scan(afterWrong).base32()).as("same secret until confirmed").isEqualTo(phoneApp.base32());
		assertThat(admin.call("GET", "/api/v1/users/" + person.id(), null).json().get("authenticatorApp").asBoolean())
			.isFalse();

		TestBrowser.Page right = browser.submit(afterWrong, "/account/authenticator/confirm",
				Map.of("code", phoneApp.codeAt(clock.instant())));
		assertThat(right.location()).isEqualTo(base + "/account/authenticator");
		assertThat(rows(person)).isEqualTo(1);
		TestBrowser.Page done = browser.get("/account/authenticator");
		assertThat(done.alerts()).isEqualTo("Your authenticator app is set up.");
		assertThat(done.body()).contains(">Remove authenticator app</button>").doesNotContain(phoneApp.base32());
		assertThat(auditEvents(person, "AUTHENTICATOR_ENROLLED")).isEqualTo(1);
		assertThat(admin.call("GET", "/api/v1/users/" + person.id(), null).json().get("authenticatorApp").asBoolean())
			.isTrue();
	}

	@Test
	void whenEnrolledThenTheSecretIsStoredOnlySealedAndNowhereInTheClear() {
		Person person = person();
		TestBrowser browser = signedInWithSms(person);
		TestBrowser.Page page = browser.get("/account/authenticator");
		PhoneApp phoneApp = scan(page);
		// Pending (shown, not yet confirmed): the session rows must not hold it either.
		assertThat(columnsHoldingSecret(phoneApp)).isEmpty();

		browser.submit(page, "/account/authenticator/confirm", Map.of("code", phoneApp.codeAt(clock.instant())));

		String stored = jdbc.sql("SELECT secret FROM user_authenticator WHERE user_id = :id")
			.param("id", person.id())
			.query(String.class)
			.single();
		assertThat(stored).startsWith("v1:").doesNotContain(phoneApp.base32());
		assertThat(columnsHoldingSecret(phoneApp)).isEmpty();
		String userJson = admin.call("GET", "/api/v1/users/" + person.id(), null).body();
		assertThat(userJson).doesNotContain(phoneApp.base32()).doesNotContain(stored);
	}

	@Test
	void whenEnrolledAndSignedInThenNoSecretOrCodeIsLoggedAndThePagesHaveCspAndCsrf(CapturedOutput output) {
		Person person = person();
		TestBrowser browser = signedInWithSms(person);
		TestBrowser.Page page = browser.get("/account/authenticator");
		assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("img-src 'self' data:");
		assertThat(page.body()).doesNotContain("<script");
		PhoneApp phoneApp = scan(page);
		assertThat(browser.post("/account/authenticator/confirm", Map.of("code", phoneApp.codeAt(clock.instant())))
			.status()).as("no CSRF token").isEqualTo(403);
		assertThat(rows(person)).isZero();
		String wrong = phoneApp.wrongCodeAt(clock.instant());
		browser.submit(page, "/account/authenticator/confirm", Map.of("code", wrong));
		String confirmCode = phoneApp.codeAt(clock.instant());
		browser.submit(page, "/account/authenticator/confirm", Map.of("code", confirmCode));
		assertThat(rows(person)).isEqualTo(1);

		clock.advance(Duration.ofSeconds(30));
		var visitor = atAuthenticatorStep(app(true), person);
		TestBrowser.Page step = visitor.get("/mfa/authenticator");
		assertThat(step.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
		String signInCode = phoneApp.codeAt(clock.instant());
		assertThat(visitor.browser().post("/mfa/authenticator/verify", Map.of("code", signInCode)).status())
			.as("no CSRF token").isEqualTo(403);
		assertThat(typeCode(visitor, signInCode).location()).startsWith(REDIRECT + "?code=");

		String log = output.getAll();
		assertThat(log).as("the capture works").contains("Authenticator app set up for user " + person.id());
		assertThat(log).doesNotContain(phoneApp.base32()).doesNotContain(Base32.grouped(phoneApp.base32()));
		for (String code : List.of(wrong, confirmCode, signInCode)) {
			assertThat(log).doesNotContainPattern("(?<![0-9])" + code + "(?![0-9])");
		}
	}

	@Test
	void whenUserRemovesTheAppThenGoneAndSmsStepAgain() {
		Person person = person();
		TestBrowser browser = signedInWithSms(person);
		enroll(browser, person);

		clock.advance(Duration.ofMinutes(6));
		TestBrowser.Page page = browser.get("/login");
		assertThat(browser.submit(page, "/account/authenticator/remove", Map.of()).status()).isEqualTo(303);
		assertThat(rows(person)).as("not removed without a fresh sign-in").isEqualTo(1);

		TestBrowser fresh = signedInWithSms(person);
		// The account has an app: its code (or SMS) is needed; this session passed SMS.
		TestBrowser.Page account = fresh.get("/account/authenticator");
		assertThat(account.body()).contains("An authenticator app is set up");
		TestBrowser.Page removed = fresh.submit(account, "/account/authenticator/remove", Map.of());
		assertThat(removed.location()).isEqualTo(base + "/account/authenticator");
		assertThat(rows(person)).isZero();
		assertThat(auditEvents(person, "AUTHENTICATOR_REMOVED")).isEqualTo(1);
		assertThat(atSmsStep(app(true), person)).isNotNull();
	}

	@Test
	void whenAccountPageOpenedThenItLinksTheAuthenticatorAndPhonePages() {
		Person person = person();
		TestBrowser browser = signedIn(person);
		TestBrowser.Page account = browser.get("/account");
		assertThat(account.status()).isEqualTo(200);
		assertThat(account.body()).contains("href=\"/account/authenticator\">Authenticator app</a>")
			.contains("href=\"/account/phone\">Phone number</a>");
	}

	/** Every text or binary column of the database (sessions included) holding the secret in the clear. */
	private List<String> columnsHoldingSecret(PhoneApp phoneApp) {
		List<String> hits = new ArrayList<>();
		List<String[]> columns = jdbc
			.sql("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC'")
			.query((rs, row) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3).toUpperCase() })
			.list();
		String raw = new String(phoneApp.key(), StandardCharsets.ISO_8859_1);
		for (String[] column : columns) {
			String select = "SELECT \"" + column[1] + "\" FROM \"" + column[0] + "\"";
			boolean found = false;
			if (column[2].contains("BINARY") || column[2].contains("BLOB")) {
				found = jdbc.sql(select).query((rs, row) -> rs.getBytes(1)).list().stream().anyMatch(b -> b != null
						&& (new String(b, StandardCharsets.ISO_8859_1).contains(phoneApp.base32())
								|| new String(b, StandardCharsets.ISO_8859_1).contains(raw)));
			}
			else if (column[2].contains("CHAR") || column[2].contains("CLOB")) {
				found = jdbc.sql(select)
					.query((rs, row) -> rs.getString(1))
					.list()
					.stream()
					.anyMatch(s -> s != null && s.replace(" ", "").contains(phoneApp.base32()));
			}
			if (found) {
				hits.add(column[0].toLowerCase() + "." + column[1].toLowerCase());
			}
		}
		return hits;
	}

}
