package dev.smsauth.sms;

/**
 * The provider did not accept a message. {@link #isRetryable()} tells the page whether "try again"
 * is a sensible suggestion (timeouts, 5xx, throttling) or not (bad credentials, invalid number).
 * The message never contains the SMS text.
 */
public class SmsDeliveryException extends RuntimeException {

	private final boolean retryable;

	public SmsDeliveryException(String message, boolean retryable, Throwable cause) {
		super(message, cause);
		this.retryable = retryable;
	}

	public SmsDeliveryException(String message, boolean retryable) {
		this(message, retryable, null);
	}

	public boolean isRetryable() {
		return retryable;
	}

}
