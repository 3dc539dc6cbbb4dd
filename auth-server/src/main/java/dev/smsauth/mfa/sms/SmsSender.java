package dev.smsauth.mfa.sms;

/**
 * The one door to an SMS provider. Implementations translate their provider's failures into
 * {@link SmsDeliveryException} so that callers never see a vendor type, and they never log the
 * message text (it holds a one-time code).
 */
public interface SmsSender {

	/**
	 * Sends one message; returns normally only when the provider accepted it.
	 * @throws SmsDeliveryException when the provider refused the message, failed or timed out
	 */
	void send(SmsMessage message);

	/** A short name for logs and metrics, e.g. {@code vonage} or {@code outbox}. */
	String providerName();

}
