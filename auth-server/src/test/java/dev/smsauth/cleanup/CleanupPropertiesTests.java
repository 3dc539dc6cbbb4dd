package dev.smsauth.cleanup;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CleanupPropertiesTests {

	@Test
	void whenChallengeRetentionShorterThanAnHourThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(Duration.ofMinutes(59), Duration.ofDays(2)))
			.withMessageContaining("sms-challenge-retention must be at least 1h");
	}

	@Test
	void whenRefreshHistoryRetentionShorterThanRefreshTokenLifetimeThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(Duration.ofDays(1), Duration.ofHours(12)))
			.withMessageContaining("refresh-token-history-retention");
	}

	@Test
	void whenAnHourThenAccepted() {
		assertThat(properties(Duration.ofHours(1), Duration.ofDays(1)).smsChallengeRetention()).hasHours(1);
	}

	private static CleanupProperties properties(Duration challenges, Duration history) {
		return new CleanupProperties(true, Duration.ofMinutes(10), 500, challenges, Duration.ofDays(1), history);
	}

}
