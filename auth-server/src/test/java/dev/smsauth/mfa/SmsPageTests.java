package dev.smsauth.mfa;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue rule 3: the SMS page shows the number masked, sends only when "Send code" is pressed,
 * enforces the resend cooldown on the server, and works as plain HTML forms with CSRF tokens.
 */
@AuthServerTest
class SmsPageTests extends MfaTestBase {

	private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL);

	@Test
	void whenSmsPageShownThenNumberMaskedNeverInFull() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		String national = person.phone().substring(2); // 415 and seven digits

		TestBrowser.Page before = visitor.smsPage();
		visitor.sendCode();
		TestBrowser.Page after = visitor.smsPage();

		for (TestBrowser.Page page : new TestBrowser.Page[] { before, after }) {
			assertThat(page.find("data-testid=\"masked-phone\">([^<]*)<")).isEqualTo(person.masked());
			assertThat(page.body()).doesNotContain(person.phone())
				.doesNotContain(national)
				.doesNotContain(national.substring(0, 6));
		}
	}

	@Test
	void whenSmsPageOpenedThenNothingSentUntilSendCodePressed() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		TestBrowser.Page page = visitor.smsPage();
		visitor.smsPage();
		visitor.authorize();
		visitor.smsPage();

		assertThat(page.body()).contains(">Send code<").doesNotContain("Verification code");
		assertThat(outboxSize(person.phone())).isZero();

		// Send code's answer is the page itself: what happened, and the code's field.
		TestBrowser.Page sent = visitor.sendCode();
		assertThat(sent.status()).isEqualTo(200);
		assertThat(outboxSize(person.phone())).isEqualTo(1);
		assertThat(sent.alerts()).isEqualTo("We sent a code by SMS.");
		assertThat(sent.body()).contains("<label for=\"code\">Verification code</label>").contains(">Verify<")
			.contains("data-testid=\"masked-phone\">" + person.masked() + "<")
			.contains("data-page=\"/mfa/sms\"")
			.doesNotContain(person.phone());
		assertThat(sent.header("Cache-Control")).contains("no-store");
		// The page again (a reload, as sms.js points it): the code's field, no message a second time.
		TestBrowser.Page again = visitor.smsPage();
		assertThat(again.alerts()).isEmpty();
		assertThat(again.body()).contains("<label for=\"code\">Verification code</label>");
	}

	@Test
	void whenSendPostedWithAnotherNumberThenOnlyTheAccountNumberGetsTheCode() {
		Person person = person();
		String attacker = newPhone();
		Visitor visitor = atSmsStep(app(true), person);
		TestBrowser.Page page = visitor.smsPage();

		TestBrowser.Page send = visitor.browser().submit(page, "/mfa/sms/send", Map.of("phoneNumber", attacker));

		assertThat(send.status()).isEqualTo(200);
		assertThat(outboxSize(attacker)).isZero();
		assertThat(outboxSize(person.phone())).isEqualTo(1);
		assertThat(visitor.smsPage().find("data-testid=\"masked-phone\">([^<]*)<")).isEqualTo(person.masked());
	}

	@Test
	void whenSendCodePressedAgainInsideCooldownThenNothingSentAndWaitShown() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.sendCode();
		String first = admin.latestCode(person.phone());

		clock.advance(Duration.ofSeconds(30));
		assertThat(visitor.sendCode().status()).isEqualTo(200);

		assertThat(outboxSize(person.phone())).isEqualTo(1);
		assertThat(visitor.smsMessages()).matches("Please wait \\d+ seconds before requesting another code\\.");
		// Nothing changed for the code already sent: it still signs the person in.
		TestBrowser.Page verified = visitor.verify(first);
		assertThat(visitor.next(verified).location()).startsWith(REDIRECT + "?code=");
	}

	@Test
	void whenSendCodePressedInsideCooldownThenWaitShownIsTheTimeLeft() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		// On a whole second, so the database's rounding of the send time plays no part.
		clock.advance(Duration.ofNanos(-clock.instant().getNano()));
		visitor.sendCode();
		clock.advance(Duration.ofSeconds(10));

		TestBrowser.Page page = visitor.sendCode();

		// 60 s cooldown, 10 s gone: 50 s are left; the message and the page's countdown agree.
		assertThat(page.find("id=\"resend-wait\"[^>]*>([^<]*)<")).isEqualTo("You can request a new code in 50 seconds.");
		assertThat(page.alerts()).isEqualTo("Please wait 50 seconds before requesting another code.");
	}

	@Test
	void whenCooldownOverThenSendCodeSendsNewCodeAndOldCodeNoLongerWorks() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.sendCode();
		String oldCode = admin.latestCode(person.phone());

		clock.advance(Duration.ofSeconds(61));
		assertThat(visitor.sendCode().status()).isEqualTo(200);
		assertThat(outboxSize(person.phone())).isEqualTo(2);
		String newCode = admin.latestCode(person.phone());
		assertThat(visitor.smsMessages()).isEqualTo("We sent a code by SMS.");

		if (!newCode.equals(oldCode)) { // one chance in a million that they are equal
			TestBrowser.Page old = visitor.verify(oldCode);
			assertThat(old.location()).matches(smsStep());
			assertThat(visitor.smsMessages()).startsWith("That code is not right.");
			assertThat(visitor.authorize().location()).matches(smsStep());
		}
		TestBrowser.Page verified = visitor.verify(newCode);
		assertThat(visitor.next(verified).location()).startsWith(REDIRECT + "?code=");
	}

	@Test
	void whenNoJavaScriptThenEveryFormIsPlainPostWithCsrfToken() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		TestBrowser.Page login = new TestBrowser(base).get("/login");
		TestBrowser.Page beforeSend = visitor.smsPage();
		TestBrowser.Page afterSend = visitor.sendCode();

		int forms = 0;
		for (TestBrowser.Page page : new TestBrowser.Page[] { login, beforeSend, afterSend }) {
			Matcher form = FORM.matcher(page.body());
			while (form.find()) {
				forms++;
				assertThat(form.group(1)).contains("method=\"post\"").containsPattern("action=\"/[^\"]*\"");
				assertThat(form.group(2)).contains("name=\"_csrf\"");
			}
			assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
				.doesNotContainPattern("\\son[a-z]+=\"");
		}
		assertThat(forms).isGreaterThanOrEqualTo(1 + 2 + 3);
	}

	@Test
	void whenFormPostedWithoutCsrfTokenThenForbidden() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);

		TestBrowser.Page send = visitor.browser().post("/mfa/sms/send", Map.of());
		assertThat(send.status()).isEqualTo(403);
		assertThat(outboxSize(person.phone())).isZero();

		visitor.sendCode();
		String code = admin.latestCode(person.phone());
		TestBrowser.Page verify = visitor.browser().post("/mfa/sms/verify", Map.of("code", code));
		assertThat(verify.status()).isEqualTo(403);
		assertThat(visitor.authorize().location()).matches(smsStep());

		TestBrowser.Page login = new TestBrowser(base).post("/login",
				Map.of("username", person.username(), "password", person.password()));
		assertThat(login.status()).isEqualTo(403);
	}

}
