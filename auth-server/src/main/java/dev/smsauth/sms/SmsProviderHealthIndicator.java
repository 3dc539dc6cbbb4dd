package dev.smsauth.sms;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code smsProvider}, part of the readiness group: DOWN when a provider's own
 * cheap check fails (the outbox table can not be read), or when for every provider this node's last
 * {@value SmsProviderMonitor#WINDOW} sends all failed within {@link SmsProviderMonitor#FORGET_AFTER}
 * (while one provider works, the routes fail over to it).
 * It never sends a message. Details name the provider and the failure kind, never a message text.
 */
@Component
class SmsProviderHealthIndicator implements HealthIndicator {

	private final SmsDelivery delivery;

	private final SmsProviderMonitor monitor;

	SmsProviderHealthIndicator(SmsDelivery delivery, SmsProviderMonitor monitor) {
		this.delivery = delivery;
		this.monitor = monitor;
	}

	@Override
	public Health health() {
		Map<String, Object> details = new LinkedHashMap<>();
		boolean anyUsable = false;
		boolean probeFailed = false;
		for (SmsDelivery.Provider provider : delivery.providers()) {
			Map<String, Object> detail = new LinkedHashMap<>();
			try {
				provider.sender().probe();
			}
			catch (RuntimeException ex) {
				// The exception's message is left out: a database error can quote SQL and values.
				detail.put("probe", "failed: " + ex.getClass().getSimpleName());
				details.put(provider.name(), detail);
				probeFailed = true;
				continue;
			}
			SmsProviderMonitor.State state = monitor.state(provider.name());
			detail.put("recentSends", state.recentSends());
			detail.put("recentFailures", state.recentFailures());
			detail.put("circuit", provider.breaker().describe());
			if (state.lastFailure() != null) {
				detail.put("lastFailure", state.lastFailure());
			}
			detail.put("status", state.failing() ? "failing" : "ok");
			anyUsable |= !state.failing();
			details.put(provider.name(), detail);
		}
		Health.Builder health = (anyUsable && !probeFailed) ? Health.up() : Health.down();
		return health.withDetail("routes", delivery.routes().toString()).withDetail("providers", details).build();
	}

}
