package dev.smsauth.stats;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The messages of one UTC day, application, provider, calling code and currency (table
 * {@code sms_message}, one row per provider call). {@code sent}: accepted by the provider (every
 * status but rejected); {@code delivered}: a receipt said delivered; {@code failed}: rejected,
 * failed or expired; {@code rejected}: the part of {@code failed} the provider never accepted;
 * {@code verified}: its code was typed correctly; {@code cost}: the summed price, null when no
 * provider reported one.
 */
public record SmsDay(LocalDate day, String clientId, String provider, String callingCode, String currency, long sent,
		long delivered, long failed, long rejected, long verified, BigDecimal cost) {

	/** Accepted, no final receipt yet. */
	public long awaiting() {
		return Math.max(0, sent - delivered - (failed - rejected));
	}

}
