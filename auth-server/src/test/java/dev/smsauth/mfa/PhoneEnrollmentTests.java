package dev.smsauth.mfa;

import java.time.Duration;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue rule 5: a person without a phone number signing in to an application that requires SMS
 * adds a number right after the password; it is saved only once a code sent to it is verified.
 */
@AuthServerTest
class PhoneEnrollmentTests extends MfaTestBase {

	@Test
	void whenUserWithoutPhoneSignsInThenPhoneNumberFieldShown() {
		Person person = personWithoutPhone();
		Visitor visitor = atSmsStep(app(true), person);

		TestBrowser.Page page = visitor.smsPage();

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<h1>Add your phone number</h1>")
			.contains("<label for=\"phoneNumber\">Phone number</label>")
			.containsPattern("<input id=\"phoneNumber\" name=\"phoneNumber\" type=\"tel\"")
			.contains(">Send code<")
			.doesNotContain("Verification code");
	}

	@Test
	void whenEnrollingWithInvalidNumberThenClearMessageAndNoSms() {
		Person person = personWithoutPhone();
		Visitor visitor = atSmsStep(app(true), person);

		for (String invalid : new String[] { "12345", "+1 415 555 O123", "4155550123", "" }) {
			// The answer is the enrollment page again, saying what is wrong.
			TestBrowser.Page page = visitor.enroll(invalid);
			assertThat(page.status()).isEqualTo(200);
			assertThat(page.alerts()).as("for '%s'", invalid)
				.isEqualTo("Enter the phone number in international format, e.g. +1 415 555 0123.");
			assertThat(page.body()).contains("<label for=\"phoneNumber\">Phone number</label>");
		}
		assertThat(jdbc.sql("SELECT COUNT(*) FROM sms_challenge WHERE user_id = :user")
			.param("user", person.id())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void whenEnrollingWithValidNumberThenCodeSentToItButNotSavedYet() {
		Person person = personWithoutPhone();
		String phone = newPhone();
		Visitor visitor = atSmsStep(app(true), person);

		TestBrowser.Page page = visitor
			.enroll("+1 (" + phone.substring(2, 5) + ") " + phone.substring(5, 8) + "-" + phone.substring(8));

		assertThat(outboxSize(phone)).isEqualTo(1);
		assertThat(page.alerts()).isEqualTo("We sent a code by SMS.");
		assertThat(page.find("data-testid=\"masked-phone\">([^<]*)<"))
			.isEqualTo("+1 ••• ••• " + phone.substring(phone.length() - 4));
		assertThat(page.body()).contains("Verification code").doesNotContain(phone);
		assertThat(phoneOnAccount(person)).isNull();
	}

	@Test
	void whenEnrollmentCodeVerifiedThenNumberSavedAndSignInCompletesWithMfa() {
		Person person = personWithoutPhone();
		String phone = newPhone();
		App app = app(true);
		Visitor visitor = atSmsStep(app, person);
		visitor.enroll(phone);
		assertThat(phoneOnAccount(person)).isNull();

		TestBrowser.Page verified = visitor.verify(admin.latestCode(phone));

		assertThat(verified.status()).isEqualTo(303);
		assertThat(verified.location()).startsWith(REDIRECT + "?code=");
		assertThat(phoneOnAccount(person)).isEqualTo(phone);
		TestBrowser.Page toApp = verified;
		assertThat(toApp.location()).startsWith(REDIRECT + "?code=");
		JsonNode idToken = visitor.idToken(toApp, app.secret());
		assertThat(idToken.get("amr").toString()).isEqualTo("[\"pwd\",\"sms\",\"mfa\"]");
		assertThat(idToken.get("sub").asString()).isEqualTo(person.id());
	}

	// SECURITY.md SMS 13: enrollment must not tell a password holder which numbers have accounts.
	// Sending to a taken number looks exactly like sending to a free one; only whoever receives the
	// code on that phone (its owner) learns that it can not be used, and nothing is saved.
	@Test
	void whenEnrollingANumberOfAnotherAccountThenTheSendLooksTheSameAndOnlyTheVerifiedCodeRevealsIt() {
		Person owner = person();
		Person free = personWithoutPhone();
		Person prober = personWithoutPhone();
		String freePhone = newPhone();
		App app = app(true);
		Visitor freeVisitor = atSmsStep(app, free);
		Visitor probe = atSmsStep(app, prober);

		TestBrowser.Page sentToFree = freeVisitor.enroll(freePhone);
		TestBrowser.Page sentToTaken = probe.enroll(owner.phone());
		// The answers are the same page, but for the masked number typed and the CSRF token.
		assertThat(sentToTaken.status()).isEqualTo(sentToFree.status()).isEqualTo(200);
		assertThat(sentToTaken.alerts()).isEqualTo(sentToFree.alerts()).isEqualTo("We sent a code by SMS.");
		assertThat(shape(sentToTaken)).isEqualTo(shape(sentToFree));
		assertThat(sentToTaken.body()).doesNotContain(owner.phone());
		TestBrowser.Page takenPage = probe.smsPage();
		TestBrowser.Page freePage = freeVisitor.smsPage();
		assertThat(shape(takenPage)).isEqualTo(shape(freePage));
		assertThat(takenPage.body()).doesNotContain(owner.phone());

		TestBrowser.Page wrong = probe.verify("000000".equals(admin.latestCode(owner.phone())) ? "111111" : "000000");
		assertThat(wrong.location()).matches(smsStep());
		assertThat(probe.smsMessages()).startsWith("That code is not right.");

		probe.verify(admin.latestCode(owner.phone()));
		assertThat(probe.smsMessages()).isEqualTo("This phone number can not be used for your account. Try another number.");
		assertThat(phoneOnAccount(prober)).isNull();
		assertThat(codesIssued(app)).isZero();
	}

	@Test
	void whenEnrollingAndSendCodePressedAgainAfterCooldownThenNewCodeToSameNumber() {
		Person person = personWithoutPhone();
		String phone = newPhone();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.enroll(phone);
		visitor.smsPage();

		// The code did not arrive: after the cooldown the person presses "Send code" on the page
		// that now shows the masked number being enrolled.
		clock.advance(Duration.ofSeconds(61));
		TestBrowser.Page resend = visitor.sendCode();

		assertThat(resend.status()).isEqualTo(200);
		assertThat(visitor.smsMessages()).isEqualTo("We sent a code by SMS.");
		assertThat(outboxSize(phone)).isEqualTo(2);
		TestBrowser.Page verified = visitor.verify(admin.latestCode(phone));
		assertThat(verified.location()).startsWith(REDIRECT + "?code=");
		assertThat(phoneOnAccount(person)).isEqualTo(phone);
	}

	private String phoneOnAccount(Person person) {
		JsonNode user = admin.call("GET", "/api/v1/users/" + person.id(), null).json();
		JsonNode phone = user.path("phoneNumber");
		return phone.isNull() || phone.isMissingNode() ? null : phone.asString();
	}

	/** The page as anyone would see it: without its CSRF tokens and the masked number it shows. */
	private static String shape(TestBrowser.Page page) {
		return page.body()
			.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\"")
			.replaceAll("data-testid=\"masked-phone\">[^<]*<", "data-testid=\"masked-phone\"><");
	}

}
