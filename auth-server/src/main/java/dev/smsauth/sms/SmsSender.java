package dev.smsauth.sms;

/**
 * The one door to an SMS provider. Implementations translate their provider's failures into
 * {@link SmsDeliveryException} so that callers never see a vendor type, and they never log the
 * message text (it holds a one-time code).
 */
public interface SmsSender {

	/**
	 * Sends one message; returns only when the provider accepted it.
	 * @return the provider's ids for the message's parts, and the price where known at once
	 * @throws SmsDeliveryException when the provider refused the message, failed or timed out; its
	 * kind says whether another provider may do better
	 */
	SmsSubmission send(SmsMessage message);

	/** A short name for logs and metrics, e.g. {@code vonage} or {@code outbox}. */
	String providerName();

	/**
	 * For the readiness probe: checks what can be checked without sending a message or spending
	 * money, e.g. that the outbox table can be read. The default checks nothing: a paid provider is
	 * judged by the outcome of real sends instead ({@link SmsProviderMonitor}).
	 * @throws RuntimeException when the provider can not be used
	 */
	default void probe() {
	}

}
