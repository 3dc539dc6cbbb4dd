package dev.smsauth.sms.twilio;

import java.util.Set;

import dev.smsauth.sms.SmsDeliveryException;

/**
 * Whose problem a Twilio refusal is (Twilio's error dictionary, www.twilio.com/docs/api/errors).
 * Only codes about the number itself stop the route: another provider would not reach it either.
 * A region that is not enabled on our account (21408) is ours, so the next provider may try.
 */
final class TwilioFailures {

	/**
	 * 21211 invalid 'To' number, 21614 'To' is not a mobile number, 21610 the recipient replied
	 * STOP (unsubscribed or blocked), 21612 'To' can not be reached by SMS.
	 */
	static final Set<Integer> RECIPIENT_CODES = Set.of(21211, 21614, 21610, 21612);

	private TwilioFailures() {
	}

	/**
	 * @param httpStatus the answer's HTTP status, 0 when unknown
	 * @param twilioCode Twilio's error code from the answer's JSON, or null
	 */
	static SmsDeliveryException.Kind kindOf(int httpStatus, Integer twilioCode) {
		if (twilioCode != null && RECIPIENT_CODES.contains(twilioCode)) {
			return SmsDeliveryException.Kind.RECIPIENT;
		}
		if (isTemporary(httpStatus)) {
			return SmsDeliveryException.Kind.TEMPORARY;
		}
		return SmsDeliveryException.Kind.PROVIDER;
	}

	/** 5xx, 429 (too many requests) and 408 pass by themselves; other 4xx mean our request or account is wrong. */
	static boolean isTemporary(int httpStatus) {
		return httpStatus >= 500 || httpStatus == 429 || httpStatus == 408;
	}

	/** {@code twilio-21211} for Twilio's refusals of the number or our account, {@code http-503} for outages. */
	static String errorCode(int httpStatus, Integer twilioCode) {
		if (twilioCode != null && !isTemporary(httpStatus)) {
			return "twilio-" + twilioCode;
		}
		return "http-" + httpStatus;
	}

}
