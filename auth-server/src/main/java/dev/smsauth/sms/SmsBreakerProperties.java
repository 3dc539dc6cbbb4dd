package dev.smsauth.sms;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this node protects its request threads from a failing or slow SMS provider
 * ({@link SmsCircuitBreaker}).
 *
 * @param enabled off only for tests that need every press to reach the provider
 * @param failureThreshold retryable failures in a row that open the circuit
 * @param coolOff how long an open circuit refuses sends before one trial call is let through
 * @param maxConcurrentSends provider calls this node may have in flight at once; more fail fast, so
 * a provider that hangs can hold at most this many request threads (each for at most the provider
 * timeout), far below Tomcat's 200
 */
@ConfigurationProperties("auth.sms.breaker")
public record SmsBreakerProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5") int failureThreshold,
		@DefaultValue("30s") Duration coolOff, @DefaultValue("20") int maxConcurrentSends) {

	public SmsBreakerProperties {
		if (failureThreshold < 1) {
			throw new IllegalArgumentException("auth.sms.breaker.failure-threshold must be at least 1");
		}
		if (coolOff.isNegative() || coolOff.isZero()) {
			throw new IllegalArgumentException("auth.sms.breaker.cool-off must be more than 0");
		}
		if (maxConcurrentSends < 1) {
			throw new IllegalArgumentException("auth.sms.breaker.max-concurrent-sends must be at least 1");
		}
	}

}
