package dev.smsauth.sms;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code smsProvider}, part of the readiness group: DOWN when the provider's own
 * cheap check fails (the outbox table can not be read) or when this node's last
 * {@value SmsProviderMonitor#WINDOW} sends all failed within {@link SmsProviderMonitor#FORGET_AFTER}.
 * It never sends a message. Details name the provider and the failure kind, never a message text.
 */
@Component
class SmsProviderHealthIndicator implements HealthIndicator {

	private final SmsSender sender;

	private final SmsProviderMonitor monitor;

	private final SmsCircuitBreaker breaker;

	SmsProviderHealthIndicator(SmsSender sender, SmsProviderMonitor monitor, SmsCircuitBreaker breaker) {
		this.sender = sender;
		this.monitor = monitor;
		this.breaker = breaker;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up().withDetail("provider", sender.providerName());
		try {
			sender.probe();
		}
		catch (RuntimeException ex) {
			// The exception's message is left out: a database error can quote SQL and values.
			return health.down().withDetail("probe", "failed: " + ex.getClass().getSimpleName()).build();
		}
		SmsProviderMonitor.State state = monitor.state();
		health.withDetail("recentSends", state.recentSends())
			.withDetail("recentFailures", state.recentFailures())
			.withDetail("circuit", breaker.describe());
		if (state.lastFailure() != null) {
			health.withDetail("lastFailure", state.lastFailure());
		}
		return state.failing() ? health.down().build() : health.build();
	}

}
