package dev.smsauth.notify;

import dev.smsauth.mfa.Visitor;
import dev.smsauth.support.AuthServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMS 14 with the hourly failure budget made small (the same settings as SmsLimitsTests, so the
 * server is shared): the try that spends the budget tells the account's number, and the answer
 * to that try is still just "wrong code".
 */
@AuthServerTest
@TestPropertySource(properties = { "auth.sms.max-failures-per-hour=3", "auth.sms.max-sends-per-hour=2" })
class HourlyFailureBudgetNoticeTests extends NoticeTestBase {

	@Test
	void whenTheHourlyFailureBudgetIsReachedThenTheNumberIsToldOnce() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.sendCode();
		String code = admin.latestCode(person.phone());
		String wrong = RepeatedCodeFailureNoticeTests.otherThan(code);
		visitor.verify(wrong);
		visitor.verify(wrong);
		assertThat(texts(person.phone())).hasSize(1);

		visitor.verify(wrong);

		assertThat(visitor.smsMessages()).isEqualTo("That code is not right. 2 tries left.");
		assertThat(texts(person.phone())).hasSize(2).first().isEqualTo(FAILURES);
		// Further tries are refused by the budget; the holder is not told again.
		visitor.verify(code);
		assertThat(visitor.smsMessages()).isEqualTo("Too many failed attempts. Please try again later.");
		assertThat(texts(person.phone())).hasSize(2);
		assertThat(events(person.id(), "NOTICE_SENT")).containsExactly(
				"NOTICE_SENT|repeated code failures (hourly failure limit reached): " + masked(person.phone()));
	}

}
