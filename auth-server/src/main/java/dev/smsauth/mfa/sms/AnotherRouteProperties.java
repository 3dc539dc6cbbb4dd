package dev.smsauth.mfa.sms;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the SMS step offers "Send by another route" ({@link AnotherRoute}).
 *
 * @param anotherRouteAfter how long a message a provider accepted may go without a delivery receipt
 * before the page offers to send a new code through the next provider of the number's route; a
 * receipt that says failed or expired offers it at once. Between 1 second and 10 minutes (a code
 * lives at most 10 minutes).
 */
@ConfigurationProperties("auth.sms")
public record AnotherRouteProperties(@DefaultValue("30s") Duration anotherRouteAfter) {

	public AnotherRouteProperties {
		if (anotherRouteAfter == null || anotherRouteAfter.compareTo(Duration.ofSeconds(1)) < 0
				|| anotherRouteAfter.compareTo(Duration.ofMinutes(10)) > 0) {
			throw new IllegalArgumentException("auth.sms.another-route-after must be between 1 second and 10 minutes");
		}
	}

}
