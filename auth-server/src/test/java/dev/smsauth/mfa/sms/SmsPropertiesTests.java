package dev.smsauth.mfa.sms;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A code lives 5 minutes by default and never more than 10 (SECURITY.md, SMS 2); the secret is required. */
class SmsPropertiesTests {

	private static final String KEY = "a-test-hmac-key-of-at-least-32-characters";

	@Test
	void whenCodeTtlIsLongerThanTenMinutesThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(Duration.ofMinutes(10).plusSeconds(1)))
			.withMessageContaining("auth.sms.code-ttl");
	}

	@Test
	void whenCodeTtlIsTenMinutesOrLessThenAccepted() {
		assertThatCode(() -> properties(Duration.ofMinutes(10))).doesNotThrowAnyException();
	}

	@Test
	void whenHmacKeyIsMissingOrShortThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SmsProperties("outbox", "short", Duration.ofMinutes(5), 5, Duration.ofSeconds(60), 10, 100))
			.withMessageContaining("auth.sms.code-hmac-key");
	}

	private static SmsProperties properties(Duration ttl) {
		return new SmsProperties("outbox", KEY, ttl, 5, Duration.ofSeconds(60), 10, 100);
	}

}
