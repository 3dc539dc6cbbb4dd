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

	@Test
	void whenPauseFactorNegativeTooLargeOrNotANumberThenRefused() {
		for (double factor : new double[] { -0.1, 100.1, Double.NaN, Double.POSITIVE_INFINITY }) {
			assertThatIllegalArgumentException().as("pause factor %s", factor)
				.isThrownBy(() -> paced(factor, Duration.ofMinutes(5)))
				.withMessageContaining("pause-factor");
		}
	}

	@Test
	void whenPauseFactorZeroThenAcceptedAsBackToBack() {
		assertThat(paced(0, Duration.ofMinutes(5)).pauseFactor()).isZero();
	}

	@Test
	void whenMaxRunTimeZeroOrNegativeThenRefused() {
		for (Duration runTime : new Duration[] { Duration.ZERO, Duration.ofSeconds(-1) }) {
			assertThatIllegalArgumentException().isThrownBy(() -> paced(4, runTime)).withMessageContaining("max-run-time");
		}
	}

	private static CleanupProperties properties(Duration challenges, Duration history) {
		return new CleanupProperties(true, Duration.ofMinutes(10), 100, 4, Duration.ofMinutes(5), challenges,
				Duration.ofDays(1), history);
	}

	private static CleanupProperties paced(double pauseFactor, Duration maxRunTime) {
		return new CleanupProperties(true, Duration.ofMinutes(10), 100, pauseFactor, maxRunTime, Duration.ofDays(1),
				Duration.ofDays(1), Duration.ofDays(2));
	}

}
