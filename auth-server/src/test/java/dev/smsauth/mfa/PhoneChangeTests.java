package dev.smsauth.mfa;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.smsauth.mfa.NoCodeBeforeSmsTests.otherThan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMS 11: a person changes their own number at /account/phone. It needs a sign-in of the last
 * five minutes and the SMS factor, the code goes to the NEW number, the number is saved only
 * after Verify, the session keeps working and the OLD number is told.
 */
@AuthServerTest
class PhoneChangeTests extends MfaTestBase {

	private static final String CHANGED = "Your phone number for SMS Auth was changed. If this wasn't you, contact your administrator.";

	@Test
	void whenSignedInFreshlyWithSmsThenTheCodeGoesToTheNewNumberWhichIsSavedOnlyAfterVerify() {
		Person person = person();
		App app = app(true);
		Visitor visitor = signedInWithSms(app, person);
		String replacement = newPhone();
		int oldMessages = outboxSize(person.phone());

		TestBrowser.Page page = visitor.get("/account/phone");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<label for=\"phoneNumber\">Phone number</label>")
			.contains(">Send code<")
			.contains(person.masked())
			.doesNotContain(person.phone());

		TestBrowser.Page sent = visitor.browser().submit(page, "/account/phone/send", Map.of("phoneNumber", replacement));
		assertThat(sent.status()).isEqualTo(303);
		assertThat(sent.location()).isEqualTo(base + "/account/phone");
		assertThat(outboxSize(replacement)).isEqualTo(1);
		assertThat(outboxSize(person.phone())).isEqualTo(oldMessages);
		assertThat(phoneOnAccount(person)).isEqualTo(person.phone());
		TestBrowser.Page codePage = visitor.get("/account/phone");
		assertThat(codePage.alerts()).isEqualTo("We sent a code by SMS.");
		assertThat(codePage.body()).contains("<label for=\"code\">Verification code</label>")
			.contains(">Verify<")
			.contains("+1 ••• ••• " + replacement.substring(replacement.length() - 4))
			.doesNotContain(replacement);

		TestBrowser.Page verified = visitor.browser()
			.submit(codePage, "/account/phone/verify", Map.of("code", admin.latestCode(replacement)));

		assertThat(verified.status()).isEqualTo(303);
		assertThat(verified.location()).isEqualTo(base + "/account/phone");
		assertThat(visitor.get("/account/phone").alerts()).isEqualTo("Your phone number was changed.");
		assertThat(phoneOnAccount(person)).isEqualTo(replacement);
		JsonNode oldOutbox = admin.outbox(person.phone());
		assertThat(oldOutbox).hasSize(oldMessages + 1);
		assertThat(oldOutbox.get(0).get("text").asString()).isEqualTo(CHANGED);
		assertThat(outboxSize(replacement)).isEqualTo(1);
		assertThat(auditOf(person)).contains("USER_PHONE_CHANGED|USER|" + person.masked() + " → +1 ••• ••• "
				+ replacement.substring(replacement.length() - 4))
			.contains("NOTICE_SENT|USER|phone number changed (by the holder): " + person.masked());
		// The session keeps working: the application gets a code without the password or SMS again.
		TestBrowser.Page again = visitor.authorize();
		assertThat(again.location()).startsWith(REDIRECT + "?code=");
	}

	@Test
	void whenNotSignedInThenTheSignInPage() {
		TestBrowser browser = new TestBrowser(base);

		TestBrowser.Page page = browser.get("/account/phone");

		assertThat(page.status()).isEqualTo(302);
		assertThat(page.location()).isEqualTo(base + "/login");
	}

	@Test
	void whenTheSignInIsOlderThanFiveMinutesThenPasswordAndSmsAgainBeforeAnyCodeGoesOut() {
		Person person = person();
		Visitor visitor = signedInWithSms(app(true), person);
		String replacement = newPhone();
		clock.advance(Duration.ofMinutes(5).plusSeconds(1));

		// A form posted from an old page sends nothing and goes back to the page...
		TestBrowser.Page stale = visitor.browser()
			.post("/account/phone/send", Map.of("phoneNumber", replacement, "_csrf", visitor.get("/").csrf()));
		assertThat(stale.status()).isEqualTo(303);
		assertThat(stale.location()).isEqualTo(base + "/account/phone");
		assertThat(outboxSize(replacement)).isZero();
		// ...which asks for the password again, then the SMS code, then comes back.
		TestBrowser.Page toLogin = visitor.get("/account/phone");
		assertThat(toLogin.status()).isEqualTo(303);
		assertThat(toLogin.location()).isEqualTo(base + "/login");
		TestBrowser.Page afterPassword = visitor.signIn(person.username(), person.password());
		assertThat(afterPassword.location()).isEqualTo(base + "/account/phone?continue");
		TestBrowser.Page toSms = visitor.next(afterPassword);
		assertThat(toSms.location()).isEqualTo(base + "/mfa/sms");
		visitor.sendCode();
		TestBrowser.Page verified = visitor.verify(admin.latestCode(person.phone()));
		assertThat(verified.location()).startsWith(base + "/account/phone");
		TestBrowser.Page page = visitor.next(verified);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<label for=\"phoneNumber\">Phone number</label>");
	}

	@Test
	void whenOnlyThePasswordWasGivenThenTheSmsStepToTheOldNumberFirst() {
		Person person = person();
		Visitor visitor = visitor(app(false));
		visitor.authorize();
		visitor.signIn(person.username(), person.password());

		TestBrowser.Page page = visitor.get("/account/phone");

		assertThat(page.status()).isEqualTo(303);
		assertThat(page.location()).isEqualTo(base + "/mfa/sms");
		TestBrowser.Page send = visitor.browser()
			.post("/account/phone/send", Map.of("phoneNumber", newPhone(), "_csrf", visitor.get("/mfa/sms").csrf()));
		assertThat(send.location()).isEqualTo(base + "/account/phone");
		assertThat(outboxSize(person.phone())).isZero();
		visitor.sendCode();
		TestBrowser.Page verified = visitor.verify(admin.latestCode(person.phone()));
		assertThat(verified.location()).isEqualTo(base + "/account/phone?continue");
		assertThat(visitor.next(verified).status()).isEqualTo(200);
	}

	@Test
	void whenTheAccountHasNoNumberThenAFreshPasswordIsEnoughToAddOneAndNobodyIsTold() {
		Person person = personWithoutPhone();
		Visitor visitor = visitor(app(false));
		visitor.authorize();
		visitor.signIn(person.username(), person.password());
		String phone = newPhone();

		TestBrowser.Page page = visitor.get("/account/phone");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("There is no phone number on your account yet.");
		visitor.browser().submit(page, "/account/phone/send", Map.of("phoneNumber", phone));
		visitor.browser().submit(visitor.get("/account/phone"), "/account/phone/verify", Map.of("code", admin.latestCode(phone)));

		assertThat(phoneOnAccount(person)).isEqualTo(phone);
		assertThat(outboxSize(phone)).isEqualTo(1);
	}

	@Test
	void whenTheNewNumberBelongsToAnotherAccountThenTheEnrollmentsNeutralMessageAndNothingChanges() {
		Person person = person();
		Person other = person();
		Visitor visitor = signedInWithSms(app(true), person);
		int oldMessages = outboxSize(person.phone());
		TestBrowser.Page page = visitor.get("/account/phone");
		visitor.browser().submit(page, "/account/phone/send", Map.of("phoneNumber", other.phone()));

		visitor.browser()
			.submit(visitor.get("/account/phone"), "/account/phone/verify", Map.of("code", admin.latestCode(other.phone())));

		assertThat(visitor.get("/account/phone").alerts())
			.isEqualTo("This phone number can not be used for your account. Try another number.");
		assertThat(phoneOnAccount(person)).isEqualTo(person.phone());
		assertThat(phoneOnAccount(other)).isEqualTo(other.phone());
		assertThat(outboxSize(person.phone())).isEqualTo(oldMessages);
	}

	@Test
	void whenAWrongCodeOrAnInvalidNumberIsEnteredThenTheSmsStepsMessagesAndNothingSaved() {
		Person person = person();
		Visitor visitor = signedInWithSms(app(true), person);
		String replacement = newPhone();

		visitor.browser().submit(visitor.get("/account/phone"), "/account/phone/send", Map.of("phoneNumber", "12345"));
		assertThat(visitor.get("/account/phone").alerts())
			.isEqualTo("Enter the phone number in international format, e.g. +1 415 555 0123.");
		visitor.browser().submit(visitor.get("/account/phone"), "/account/phone/send", Map.of("phoneNumber", person.phone()));
		assertThat(visitor.get("/account/phone").alerts()).isEqualTo("This is already your phone number.");
		visitor.browser().submit(visitor.get("/account/phone"), "/account/phone/send", Map.of("phoneNumber", replacement));
		String code = admin.latestCode(replacement);

		visitor.browser().submit(visitor.get("/account/phone"), "/account/phone/verify", Map.of("code", otherThan(code)));

		assertThat(visitor.get("/account/phone").alerts()).isEqualTo("That code is not right. 4 tries left.");
		assertThat(phoneOnAccount(person)).isEqualTo(person.phone());
		// A code sent to the number being changed to is not a sign-in code: the SMS step refuses it.
		assertThat(visitor.verify(code).location()).matches(smsStep());
		assertThat(phoneOnAccount(person)).isEqualTo(person.phone());
	}

	@Test
	void whenFormsArePostedWithoutCsrfTokenThenForbiddenAndNothingSent() {
		Person person = person();
		Visitor visitor = signedInWithSms(app(true), person);
		String replacement = newPhone();

		TestBrowser.Page send = visitor.browser().post("/account/phone/send", Map.of("phoneNumber", replacement));
		TestBrowser.Page verify = visitor.browser().post("/account/phone/verify", Map.of("code", "123456"));

		assertThat(send.status()).isEqualTo(403);
		assertThat(verify.status()).isEqualTo(403);
		assertThat(outboxSize(replacement)).isZero();
	}

	@Test
	void whenTheChangePageIsServedThenEveryFormIsAPlainPostWithCsrfToken() {
		Person person = person();
		Visitor visitor = signedInWithSms(app(true), person);
		TestBrowser.Page first = visitor.get("/account/phone");
		visitor.browser().submit(first, "/account/phone/send", Map.of("phoneNumber", newPhone()));
		TestBrowser.Page second = visitor.get("/account/phone");

		for (TestBrowser.Page page : List.of(first, second)) {
			List<String> forms = new ArrayList<>();
			java.util.regex.Matcher m = java.util.regex.Pattern.compile("<form[^>]*>(.*?)</form>", java.util.regex.Pattern.DOTALL)
				.matcher(page.body());
			while (m.find()) {
				forms.add(m.group());
			}
			assertThat(forms).isNotEmpty().allSatisfy(form -> assertThat(form).contains("method=\"post\"")
				.contains("name=\"_csrf\""));
			assertThat(page.body()).doesNotContain("<script");
		}
	}

	/**
	 * Signed in to an application that requires SMS: password and SMS code done, back at the app,
	 * and the resend cooldown of that code over (it is the account's, whatever the code is for).
	 */
	private Visitor signedInWithSms(App app, Person person) {
		Visitor visitor = atSmsStep(app, person);
		assertThat(passSms(visitor, person.phone()).location()).startsWith(REDIRECT + "?code=");
		clock.advance(Duration.ofSeconds(61));
		return visitor;
	}

	private String phoneOnAccount(Person person) {
		JsonNode phone = admin.call("GET", "/api/v1/users/" + person.id(), null).json().path("phoneNumber");
		return phone.isNull() || phone.isMissingNode() ? null : phone.asString();
	}

	private List<String> auditOf(Person person) {
		return jdbc.sql("SELECT event, actor_type, details FROM audit_event WHERE user_id = :user ORDER BY id")
			.param("user", person.id())
			.query((rs, row) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3))
			.list();
	}

}
