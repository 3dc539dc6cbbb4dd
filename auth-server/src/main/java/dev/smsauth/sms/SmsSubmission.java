package dev.smsauth.sms;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What a provider said when it accepted a message: its id for every part (a long or Unicode text
 * goes out in several, each with its own delivery receipt), and the price where the provider
 * reports it at once (Vonage does; Twilio usually does not: it prices a message later, and its status
 * callbacks carry no price).
 *
 * @param providerMessageIds the provider's id of each part, in order; at least one
 * @param price the total price, or null when not known yet
 * @param currency ISO 4217 code of {@code price}, or null
 * @param delivered true when acceptance is delivery (the dev outbox: the message is readable at
 * once), so no receipt will come
 * @param parts how many SMS the text took; as many as ids where the provider gives one per part
 * (Vonage), more where it gives one id for the whole message (Twilio's segments)
 */
public record SmsSubmission(List<String> providerMessageIds, BigDecimal price, String currency, boolean delivered,
		int parts) {

	public SmsSubmission {
		providerMessageIds = List.copyOf(providerMessageIds);
		if (providerMessageIds.isEmpty()) {
			throw new IllegalArgumentException("a submission has at least one message id");
		}
		providerMessageIds.forEach(id -> Objects.requireNonNull(id, "providerMessageId"));
		if (parts < providerMessageIds.size()) {
			throw new IllegalArgumentException("a submission has at least one part per message id");
		}
	}

	/** One part per provider id. */
	public SmsSubmission(List<String> providerMessageIds, BigDecimal price, String currency, boolean delivered) {
		this(providerMessageIds, price, currency, delivered, providerMessageIds.size());
	}

	/** One part, price unknown, receipts to come. */
	public static SmsSubmission accepted(String providerMessageId) {
		return new SmsSubmission(List.of(providerMessageId), null, null, false);
	}

}
