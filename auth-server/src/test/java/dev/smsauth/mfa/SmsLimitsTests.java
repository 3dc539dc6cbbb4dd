package dev.smsauth.mfa;

import java.time.Duration;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static dev.smsauth.mfa.NoCodeBeforeSmsTests.otherThan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue rule 4, the per-account hourly limits, made small so a test reaches them: three failed
 * codes and two sends an hour (defaults 100 and 10).
 */
@AuthServerTest
@TestPropertySource(properties = { "auth.sms.max-failures-per-hour=3", "auth.sms.max-sends-per-hour=2" })
class SmsLimitsTests extends MfaTestBase {

	@Test
	void whenFailuresPerHourReachedThenCorrectCodeRefused() {
		Person person = person();
		App app = app(true);
		Visitor visitor = atSmsStep(app, person);
		visitor.sendCode();
		String code = admin.latestCode(person.phone());
		for (int i = 0; i < 3; i++) {
			visitor.verify(otherThan(code));
			assertThat(visitor.smsMessages()).startsWith("That code is not right.");
		}

		TestBrowser.Page correct = visitor.verify(code);

		assertThat(correct.location()).matches(smsStep());
		assertThat(visitor.smsMessages()).isEqualTo("Too many failed attempts. Please try again later.");
		assertThat(visitor.authorize().location()).matches(smsStep());
		visitor.assertNoCodeInAnyHop();
		assertThat(codesIssued(app)).isZero();
	}

	@Test
	void whenFailuresPerHourReachedAcrossCodesThenNoNewCodeSent() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.sendCode();
		String first = admin.latestCode(person.phone());
		visitor.verify(otherThan(first));
		visitor.verify(otherThan(first));
		clock.advance(Duration.ofSeconds(61));
		visitor.sendCode();
		String second = admin.latestCode(person.phone());
		visitor.verify(otherThan(second));
		assertThat(visitor.smsMessages()).isEqualTo("That code is not right. 4 tries left.");

		// Three failures over two codes: the account is locked for the hour, whatever the code.
		visitor.verify(second);
		assertThat(visitor.smsMessages()).isEqualTo("Too many failed attempts. Please try again later.");
		assertThat(visitor.authorize().location()).matches(smsStep());
		visitor.assertNoCodeInAnyHop();
	}

	@Test
	void whenAnHourHasPassedThenFailuresNoLongerCount() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.sendCode();
		String code = admin.latestCode(person.phone());
		for (int i = 0; i < 3; i++) {
			visitor.verify(otherThan(code));
		}
		visitor.smsPage();

		clock.advance(Duration.ofMinutes(61));
		visitor.sendCode();
		assertThat(visitor.smsMessages()).isEqualTo("We sent a code by SMS.");
		TestBrowser.Page verified = visitor.verify(admin.latestCode(person.phone()));
		assertThat(visitor.next(verified).location()).startsWith(REDIRECT + "?code=");
	}

	@Test
	void whenSendsPerHourReachedThenLimitMessageAndNoSms() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.sendCode();
		clock.advance(Duration.ofSeconds(61));
		visitor.sendCode();
		assertThat(visitor.smsMessages()).isEqualTo("We sent a code by SMS.");
		clock.advance(Duration.ofSeconds(61));

		visitor.sendCode();

		assertThat(visitor.smsMessages()).isEqualTo("Too many codes were requested. Please try again later.");
		assertThat(outboxSize(person.phone())).isEqualTo(2);
	}

}
