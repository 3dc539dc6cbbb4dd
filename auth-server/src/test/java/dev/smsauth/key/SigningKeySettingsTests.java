package dev.smsauth.key;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Timing settings that would let a relying party meet an unknown or vanished key are refused. */
class SigningKeySettingsTests {

	static SigningKeyProperties settings(Duration publishBeforeUse, Duration retain, Duration refresh, Duration maxAge) {
		return new SigningKeyProperties("unused", publishBeforeUse, retain, refresh, maxAge, null);
	}

	@Test
	void whenTheDefaultsAreUsedThenTheyAreAccepted() {
		assertThatCode(() -> new KeyLifecycle(null,
				settings(Duration.ofMinutes(10), Duration.ofDays(1), Duration.ofMinutes(1), Duration.ofMinutes(5)), null))
			.doesNotThrowAnyException();
	}

	@Test
	void whenPublishBeforeUseIsNotLongerThanTheJwksCachePlusTheRefreshThenItIsRefused() {
		assertThatThrownBy(
				() -> settings(Duration.ofMinutes(6), Duration.ofDays(1), Duration.ofMinutes(1), Duration.ofMinutes(5)))
			.hasMessageContaining("auth.keys.publish-before-use");
	}

	@Test
	void whenRetainAfterRetirementIsShorterThanTheLongestTokenLifetimeThenItIsRefused() {
		SigningKeyProperties shortRetention = settings(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofMinutes(1),
				Duration.ofMinutes(5));

		assertThatThrownBy(() -> new KeyLifecycle(null, shortRetention, null))
			.hasMessageContaining("auth.keys.retain-after-retirement")
			.hasMessageContaining("longest token lifetime");
	}

	@Test
	void whenRotateEveryIsNotLongerThanThePublicationDelayThenItIsRefused() {
		assertThatThrownBy(() -> new SigningKeyProperties("unused", Duration.ofMinutes(10), Duration.ofDays(1),
				Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10)))
			.hasMessageContaining("auth.keys.rotate-every");
	}

}
