package dev.smsauth.sms.vonage;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.smsauth.sms.SmsMessageStatus;
import dev.smsauth.sms.SmsReceipt;

/**
 * Reads a Vonage SMS API delivery receipt (fields {@code messageId}, {@code status},
 * {@code err-code}, {@code price}, {@code scts}, {@code message-timestamp}, {@code msisdn},
 * {@code to}, {@code network-code}) into our words. One receipt is about one part.
 */
final class VonageReceipts {

	private VonageReceipts() {
	}

	/** Empty when the receipt names no message id. */
	static Optional<SmsReceipt> read(Map<String, String> fields, String currency) {
		String messageId = fields.get("messageId");
		if (messageId == null || messageId.isBlank() || messageId.length() > 100) {
			return Optional.empty();
		}
		SmsMessageStatus status = status(fields.get("status"));
		String errCode = fields.get("err-code");
		String errorCode = (status == SmsMessageStatus.FAILED || status == SmsMessageStatus.EXPIRED) && errCode != null
				&& !errCode.isBlank() && !errCode.strip().equals("0") ? "vonage-dlr-" + clip(errCode.strip()) : null;
		BigDecimal price = price(fields.get("price"));
		return Optional.of(new SmsReceipt("vonage", messageId.strip(), status, errorCode, price,
				price == null ? null : currency));
	}

	/**
	 * delivered; expired; failed and rejected are failures; accepted, buffered, unknown and
	 * anything new are not a final word.
	 */
	static SmsMessageStatus status(String status) {
		return switch (status == null ? "" : status.strip().toLowerCase(Locale.ROOT)) {
			case "delivered" -> SmsMessageStatus.DELIVERED;
			case "expired" -> SmsMessageStatus.EXPIRED;
			case "failed", "rejected" -> SmsMessageStatus.FAILED;
			default -> SmsMessageStatus.SUBMITTED;
		};
	}

	private static BigDecimal price(String price) {
		if (price == null || price.isBlank()) {
			return null;
		}
		try {
			BigDecimal value = new BigDecimal(price.strip());
			// The column holds decimal(12, 6); anything beyond is no price Vonage would write.
			return value.signum() < 0 || value.precision() - value.scale() > 6 ? null : value;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String clip(String code) {
		return code.length() > 40 ? code.substring(0, 40) : code;
	}

}
