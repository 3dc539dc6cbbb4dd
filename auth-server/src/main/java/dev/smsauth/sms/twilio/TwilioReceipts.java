package dev.smsauth.sms.twilio;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.smsauth.sms.SmsMessageStatus;
import dev.smsauth.sms.SmsReceipt;

/**
 * Reads a Twilio status callback ({@code MessageSid}, {@code MessageStatus}, {@code ErrorCode})
 * into our words. Twilio gives one SID for the whole message, so one callback is about all of it.
 */
final class TwilioReceipts {

	private TwilioReceipts() {
	}

	/** Empty when the callback names no message. */
	static Optional<SmsReceipt> read(Map<String, String> fields) {
		String sid = fields.get("MessageSid");
		if (sid == null || sid.isBlank() || sid.length() > 100) {
			return Optional.empty();
		}
		SmsMessageStatus status = status(fields.get("MessageStatus"));
		String code = fields.get("ErrorCode");
		String errorCode = status == SmsMessageStatus.FAILED && code != null && code.strip().matches("[0-9]{1,10}")
				? "twilio-" + code.strip() : null;
		return Optional.of(new SmsReceipt("twilio", sid.strip(), status, errorCode, null, null));
	}

	/**
	 * delivered; failed and undelivered are failures, and so is canceled (a scheduled message that
	 * will never go out); queued, accepted, sending, sent and anything new are not a final word.
	 */
	static SmsMessageStatus status(String status) {
		return switch (status == null ? "" : status.strip().toLowerCase(Locale.ROOT)) {
			case "delivered" -> SmsMessageStatus.DELIVERED;
			case "failed", "undelivered", "canceled" -> SmsMessageStatus.FAILED;
			default -> SmsMessageStatus.SUBMITTED;
		};
	}

}
