package dev.smsauth.notify;

import java.time.Clock;

import dev.smsauth.limits.RateLimiter;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.Budgets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notices obey the SMS-pumping defences of the codes (SMS 10): the calling-code allow-list and the
 * global hourly budget. The settings are those of SmsSendPolicyTests, so the server is shared.
 */
@AuthServerTest
@TestPropertySource(properties = { "auth.sms.abuse.allowed-calling-codes=1,44",
		"auth.sms.abuse.max-per-number-per-hour=2", "auth.sms.abuse.max-per-ip-per-hour=1000",
		"auth.sms.abuse.max-per-calling-code-per-hour=1000", "auth.sms.abuse.max-global-per-hour=1000" })
class NoticePumpingDefenceTests extends NoticeTestBase {

	@Autowired
	RateLimiter limiter;

	@Autowired
	Clock clock;

	@AfterEach
	void freshBudgets() {
		limiter.reset("sms:global");
	}

	@Test
	void whenTheOldNumberIsOutsideTheAllowListThenNoNoticeAndTheRefusalIsAudited() {
		String french = "+3361" + String.format("%07d", Math.abs(System.nanoTime() % 10_000_000));
		Person person = person(french);

		assertThat(admin.call("PATCH", "/api/v1/users/" + person.id(), "{\"phoneNumber\":\"" + newPhone() + "\"}").status())
			.isEqualTo(200);

		assertThat(texts(french)).isEmpty();
		assertThat(events(person.id(), "NOTICE_NOT_SENT")).containsExactly("NOTICE_NOT_SENT|phone number changed "
				+ "(by an administrator): not sent, calling code not allowed: +33 ••• ••• " + french.substring(french.length() - 4));
	}

	@Test
	void whenTheGlobalHourlyBudgetIsSpentThenNoNoticeAndTheRefusalIsAudited() {
		Person person = person();
		Budgets.spend(jdbc, "sms:global", 1000, clock.instant());

		assertThat(admin.call("PATCH", "/api/v1/users/" + person.id(), "{\"phoneNumber\":null}").status()).isEqualTo(200);

		assertThat(texts(person.phone())).isEmpty();
		assertThat(events(person.id(), "NOTICE_NOT_SENT")).containsExactly("NOTICE_NOT_SENT|phone number removed "
				+ "(by an administrator): not sent, global budget spent: " + masked(person.phone()));
	}

}
