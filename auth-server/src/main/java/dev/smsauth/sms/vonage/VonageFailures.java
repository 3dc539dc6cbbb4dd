package dev.smsauth.sms.vonage;

import java.util.EnumSet;
import java.util.Set;

import com.vonage.client.sms.MessageStatus;
import dev.smsauth.sms.SmsDeliveryException;

/**
 * Which Vonage failures are worth a "try again". Only failures on Vonage's side that pass by
 * themselves are; everything about our account, our request or the number is not, and neither is a
 * status we do not know.
 */
final class VonageFailures {

	// Vonage's "temporary" statuses (the SDK's isTemporaryError()) plus "communication failed".
	@SuppressWarnings("deprecation") // COMMS_FAILURE is deprecated in the SDK but Vonage still documents it
	private static final Set<MessageStatus> RETRYABLE_STATUSES = EnumSet.of(MessageStatus.THROTTLED,
			MessageStatus.INTERNAL_ERROR, MessageStatus.TOO_MANY_BINDS, MessageStatus.COMMS_FAILURE);

	// Statuses about the destination number: no other provider would reach it either.
	private static final Set<MessageStatus> RECIPIENT_STATUSES = EnumSet.of(MessageStatus.INVALID_PARAMS,
			MessageStatus.NUMBER_BARRED, MessageStatus.NUMBER_UNREACHABLE, MessageStatus.NUMBER_DEACTIVATED);

	private VonageFailures() {
	}

	/** Whose problem a refused part is: passes by itself, the number's, or ours at Vonage. */
	static SmsDeliveryException.Kind kindOf(MessageStatus status) {
		if (isRetryable(status)) {
			return SmsDeliveryException.Kind.TEMPORARY;
		}
		return status != null && RECIPIENT_STATUSES.contains(status) ? SmsDeliveryException.Kind.RECIPIENT
				: SmsDeliveryException.Kind.PROVIDER;
	}

	static boolean isRetryable(MessageStatus status) {
		return status != null && RETRYABLE_STATUSES.contains(status);
	}

	/** 5xx, 429 (rate limit) and 408 pass by themselves; other 4xx mean our request or account is wrong. */
	static boolean isRetryableHttpStatus(int httpStatus) {
		return httpStatus >= 500 || httpStatus == 429 || httpStatus == 408;
	}

	/** E.g. {@code INVALID_CREDENTIALS (4)}. */
	static String describe(MessageStatus status) {
		if (status == null) {
			return "no status";
		}
		if (status == MessageStatus.UNKNOWN) {
			return "UNKNOWN";
		}
		return status.name() + " (" + status.getMessageStatus() + ")";
	}

}
