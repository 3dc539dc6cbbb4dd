package dev.smsauth.sms;

import java.math.BigDecimal;
import java.time.Instant;

/** One row of {@code sms_message}: an attempt to send one message through one provider. */
public record SmsMessageRecord(String id, SmsPurpose purpose, String userId, String clientId, String challengeId,
		String provider, String providerMessageId, String callingCode, String toMasked, int parts, BigDecimal price,
		String currency, SmsMessageStatus status, String errorCode, boolean verified, Instant createdAt,
		Instant statusAt) {
}
