package dev.smsauth.sms;

/**
 * The provider was not called: the circuit is open, or this node already has as many provider
 * calls in flight as it allows. Always retryable; counted as outcome {@code rejected}, not
 * {@code failed}, because the provider did nothing wrong this time.
 */
public class SmsSendRejectedException extends SmsDeliveryException {

	SmsSendRejectedException(String message) {
		super(message, Kind.TEMPORARY, "not-called", null);
	}

}
