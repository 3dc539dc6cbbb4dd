package dev.smsauth.mfa.sms;

import org.springframework.stereotype.Component;

/**
 * The SMS provider for messages that are not codes (security notices): the same provider as the
 * codes, behind the same per-node circuit breaker and monitor, so a failing or slow provider can
 * not hold more request threads because of notices, and notices count in the readiness picture.
 * Callers check their own budgets first; this class only delivers.
 */
@Component
public class SmsDelivery {

	private final SmsSender sender;

	SmsDelivery(SmsSender sender, SmsProviderMonitor monitor, SmsCircuitBreaker breaker) {
		this.sender = breaker.around(monitor.around(sender));
	}

	/**
	 * Sends one message; returns normally only when the provider accepted it.
	 * @throws SmsDeliveryException when the provider refused it, failed, timed out or the circuit is open
	 */
	public void send(SmsMessage message) {
		sender.send(message);
	}

	/** A short name for logs, e.g. {@code vonage} or {@code outbox}. */
	public String providerName() {
		return sender.providerName();
	}

}
