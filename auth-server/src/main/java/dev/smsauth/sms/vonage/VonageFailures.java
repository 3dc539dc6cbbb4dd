package dev.smsauth.sms.vonage;

import java.util.EnumSet;
import java.util.Set;

import com.vonage.client.sms.MessageStatus;

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

	private VonageFailures() {
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
