package dev.smsauth.sms;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one delivery receipt says about one part, already verified and translated from the
 * provider's words.
 *
 * @param provider the provider's name, as in {@code sms_message.provider}
 * @param providerMessageId the provider's id of the part
 * @param status {@link SmsMessageStatus#SUBMITTED} for news that is not final (queued, sent,
 * buffered), else delivered, failed or expired
 * @param errorCode the carrier's or provider's error code for a failure ({@code twilio-30003}), or null
 * @param price this part's price where the receipt names one, else null
 * @param currency ISO 4217 code of {@code price}, or null
 */
public record SmsReceipt(String provider, String providerMessageId, SmsMessageStatus status, String errorCode,
		BigDecimal price, String currency) {

	public SmsReceipt {
		Objects.requireNonNull(provider, "provider");
		Objects.requireNonNull(providerMessageId, "providerMessageId");
		Objects.requireNonNull(status, "status");
		if (status == SmsMessageStatus.REJECTED) {
			throw new IllegalArgumentException("a receipt is about an accepted message; rejected is not a receipt's word");
		}
	}

}
