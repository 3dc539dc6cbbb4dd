package dev.smsauth.sms;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code auth.sms.messages.*}: how long the record of each message ({@code sms_message}, with its
 * parts) is kept for receipts, statistics and cost; the clean-up job deletes older rows.
 *
 * @param retention at least a day (a receipt may come hours late); 400 days by default, so the
 * statistics API's longest range is still complete
 */
@ConfigurationProperties("auth.sms.messages")
public record SmsMessagesProperties(@DefaultValue("P400D") Duration retention) {

	public SmsMessagesProperties {
		if (retention.compareTo(Duration.ofDays(1)) < 0) {
			throw new IllegalArgumentException("auth.sms.messages.retention must be at least 1 day");
		}
	}

}
