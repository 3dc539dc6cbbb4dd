package dev.smsauth.mfa.sms;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AnotherRoutePropertiesTests {

	@Test
	void whenBetweenOneSecondAndTenMinutesThenAccepted() {
		assertThat(new AnotherRouteProperties(Duration.ofSeconds(1)).anotherRouteAfter()).hasSeconds(1);
		assertThat(new AnotherRouteProperties(Duration.ofMinutes(10)).anotherRouteAfter()).hasMinutes(10);
	}

	@Test
	void whenZeroNegativeOrLongerThanACodeLivesThenRefusedNamingTheSetting() {
		for (Duration wrong : new Duration[] { Duration.ZERO, Duration.ofSeconds(-5), Duration.ofMillis(999),
				Duration.ofMinutes(10).plusSeconds(1) }) {
			assertThatIllegalArgumentException().isThrownBy(() -> new AnotherRouteProperties(wrong))
				.withMessageContaining("auth.sms.another-route-after");
		}
	}

}
