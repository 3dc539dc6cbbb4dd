package dev.smsauth.sms;

/**
 * The provider did not accept a message. {@link #kind()} says whose problem it is, which decides
 * whether the next provider of the route is tried ({@link SmsDelivery}) and whether the page
 * suggests "try again". The message never contains the SMS text.
 */
public class SmsDeliveryException extends RuntimeException {

	/** Whose problem a failure is. */
	public enum Kind {

		/** Passes by itself: timeout, 5xx, throttling, an open circuit. Try the next provider; "try again" makes sense. */
		TEMPORARY,

		/** This provider can not take it (our credentials, account, sender id, region): the next provider may. */
		PROVIDER,

		/** The number itself (invalid, not a mobile, barred): no provider will do better, so no other is tried. */
		RECIPIENT

	}

	private final Kind kind;

	private final String errorCode;

	public SmsDeliveryException(String message, Kind kind, String errorCode, Throwable cause) {
		super(message, cause);
		this.kind = kind;
		this.errorCode = errorCode;
	}

	public SmsDeliveryException(String message, boolean retryable, Throwable cause) {
		this(message, retryable ? Kind.TEMPORARY : Kind.PROVIDER, null, cause);
	}

	public SmsDeliveryException(String message, boolean retryable) {
		this(message, retryable, null);
	}

	public boolean isRetryable() {
		return kind == Kind.TEMPORARY;
	}

	public Kind kind() {
		return kind;
	}

	/** A short, provider-specific code for the record ({@code http-503}, {@code vonage-3}, {@code twilio-21211}), or null. */
	public String errorCode() {
		return errorCode;
	}

}
