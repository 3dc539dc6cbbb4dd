package dev.smsauth.sms;

import java.util.List;

/**
 * A message some provider accepted.
 *
 * @param messageId our id ({@code sms_message.id})
 * @param provider the provider that accepted it
 * @param providerMessageIds that provider's id of each part
 * @param tried every provider called for it, in order, the accepting one last
 */
public record SentSms(String messageId, String provider, List<String> providerMessageIds, List<String> tried) {

	public SentSms {
		providerMessageIds = List.copyOf(providerMessageIds);
		tried = List.copyOf(tried);
	}

	/** True when an earlier provider failed and a later one took the message. */
	public boolean failedOver() {
		return tried.size() > 1;
	}

}
