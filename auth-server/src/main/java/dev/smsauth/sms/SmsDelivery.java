package dev.smsauth.sms;

import org.springframework.stereotype.Component;

/**
 * The one way to send a text message, for one-time codes ({@code mfa.sms.SmsCodeService}) and
 * security notices ({@code notify.NoticeSender}) alike: the configured provider ({@link SmsSender})
 * behind this node's {@link SmsCircuitBreaker} and {@link SmsProviderMonitor}. Every provider call
 * is timed and remembered for the readiness probe (the monitor); the breaker sits outside it, so
 * calls it refuses are not taken for provider latency or answers. Sharing one breaker means a
 * failing or slow provider can not hold more request threads because of notices, and notices
 * count in the readiness picture. Callers check their own budgets first; this class only delivers.
 */
@Component
public final class SmsDelivery {

	private final SmsSender sender;

	SmsDelivery(SmsSender sender, SmsProviderMonitor monitor, SmsCircuitBreaker breaker) {
		this.sender = breaker.around(monitor.around(sender));
	}

	/**
	 * Sends one message; returns normally only when the provider accepted it.
	 * @throws SmsDeliveryException when the provider refused it, failed or timed out;
	 * {@link SmsSendRejectedException} when the provider was not called (circuit open, too many
	 * calls in flight)
	 */
	public void send(SmsMessage message) {
		sender.send(message);
	}

	/** A short name for logs and metrics, e.g. {@code vonage} or {@code outbox}. */
	public String providerName() {
		return sender.providerName();
	}

}
