package dev.smsauth.sms;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What a provider said when it accepted a message: its id for every part (a long or Unicode text
 * goes out in several, each with its own delivery receipt), and the price where the provider
 * reports it at once (Vonage does; Twilio reports it later, in the status callback).
 *
 * @param providerMessageIds the provider's id of each part, in order; at least one
 * @param price the total price, or null when not known yet
 * @param currency ISO 4217 code of {@code price}, or null
 * @param delivered true when acceptance is delivery (the dev outbox: the message is readable at
 * once), so no receipt will come
 */
public record SmsSubmission(List<String> providerMessageIds, BigDecimal price, String currency, boolean delivered) {

	public SmsSubmission {
		providerMessageIds = List.copyOf(providerMessageIds);
		if (providerMessageIds.isEmpty()) {
			throw new IllegalArgumentException("a submission has at least one message id");
		}
		providerMessageIds.forEach(id -> Objects.requireNonNull(id, "providerMessageId"));
	}

	/** One part, price unknown, receipts to come. */
	public static SmsSubmission accepted(String providerMessageId) {
		return new SmsSubmission(List.of(providerMessageId), null, null, false);
	}

	public int parts() {
		return providerMessageIds.size();
	}

}
