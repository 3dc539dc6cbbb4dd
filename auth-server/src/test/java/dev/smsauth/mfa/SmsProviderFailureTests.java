package dev.smsauth.mfa;

import dev.smsauth.sms.SmsDeliveryException;
import dev.smsauth.support.SwitchableSmsSender;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Import;
import org.springframework.beans.factory.annotation.Autowired;

import static dev.smsauth.mfa.NoCodeBeforeSmsTests.otherThan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue rule 7: when the SMS provider fails the page says so plainly and lets the person retry,
 * and the failed send neither used a try nor started the cooldown. The provider here writes to
 * the dev outbox like the real one, and can be switched to fail.
 */
@AuthServerTest
@Import(SwitchableSmsSender.Config.class)
class SmsProviderFailureTests extends MfaTestBase {

	@Autowired
	SwitchableSmsSender provider;

	@AfterEach
	void providerBackUp() {
		provider.failWith(null);
	}

	@Test
	void whenProviderFailsThenPlainMessageAndRetryWorksAtOnce() {
		Person person = person();
		App app = app(true);
		Visitor visitor = atSmsStep(app, person);
		provider.failWith(new SmsDeliveryException("down", true));
		int calls = provider.calls();

		TestBrowser.Page page = visitor.sendCode();
		assertThat(page.status()).isEqualTo(200);

		assertThat(provider.calls()).isEqualTo(calls + 1);
		assertThat(page.alerts()).isEqualTo("We could not send the SMS just now. Please try again.");
		assertThat(page.body()).contains(">Send code<").doesNotContain("Verification code");
		assertThat(outboxSize(person.phone())).isZero();

		// The provider is back: pressing "Send code" right away works (no cooldown was started)...
		provider.failWith(null);
		visitor.sendCode();
		assertThat(visitor.smsMessages()).isEqualTo("We sent a code by SMS.");
		assertThat(outboxSize(person.phone())).isEqualTo(1);
		// ...and the new code has all its tries.
		String code = admin.latestCode(person.phone());
		visitor.verify(otherThan(code));
		assertThat(visitor.smsMessages()).isEqualTo("That code is not right. 4 tries left.");
		TestBrowser.Page verified = visitor.verify(code);
		assertThat(visitor.next(verified).location()).startsWith(REDIRECT + "?code=");
	}

	@Test
	void whenProviderRefusesTheNumberThenMessageSaysContactAdministrator() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		provider.failWith(new SmsDeliveryException("invalid number", false));

		visitor.sendCode();

		assertThat(visitor.smsMessages())
			.isEqualTo("We could not send an SMS to this number. Contact your administrator.");
		assertThat(outboxSize(person.phone())).isZero();
		visitor.assertNoCodeInAnyHop();
	}

	@Test
	void whenProviderFailsThenChallengeLeftUnsentAndUncounted() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		provider.failWith(new SmsDeliveryException("down", true));

		visitor.sendCode();
		visitor.sendCode();

		assertThat(jdbc.sql("SELECT status, failed_attempts FROM sms_challenge WHERE user_id = :user")
			.param("user", person.id())
			.query((rs, row) -> rs.getString(1) + "/" + rs.getInt(2))
			.list()).containsExactly("UNSENT/0", "UNSENT/0");
	}

}
