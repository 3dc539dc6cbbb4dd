package dev.smsauth.sms;

import java.util.Locale;

/**
 * Where a message stands (column {@code sms_message.status}). {@link #REJECTED} never left: the
 * provider refused it or did not answer, and the next provider of the route was tried.
 * {@link #SUBMITTED} was accepted and waits for a receipt; the other three are a receipt's final
 * word.
 */
public enum SmsMessageStatus {

	REJECTED, SUBMITTED, DELIVERED, FAILED, EXPIRED;

	/** True when no later receipt may change it. */
	public boolean isFinal() {
		return this != SUBMITTED;
	}

	public String column() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static SmsMessageStatus ofColumn(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
