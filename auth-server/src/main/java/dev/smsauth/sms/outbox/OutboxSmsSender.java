package dev.smsauth.sms.outbox;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import dev.smsauth.sms.SmsMessage;
import dev.smsauth.sms.SmsSender;
import dev.smsauth.sms.SmsSubmission;
import dev.smsauth.user.PhoneMasking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The embedded default's SMS provider: messages go to table {@code sms_outbox}, readable through
 * the dev outbox API, and the log gets one line with the masked number only.
 */
final class OutboxSmsSender implements SmsSender {

	private static final Logger log = LoggerFactory.getLogger(OutboxSmsSender.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	OutboxSmsSender(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public SmsSubmission send(SmsMessage message) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("INSERT INTO sms_outbox (to_number, text, sent_at) VALUES (:to, :text, :sent)")
			.param("to", message.to())
			.param("text", message.text())
			.param("sent", Timestamp.from(clock.instant()))
			.update(key, "id");
		log.info("SMS to {} stored in the outbox (read it at GET /api/v1/dev/sms-outbox)", PhoneMasking.mask(message.to()));
		// Readable at once: delivered, free, and no receipt will come.
		return new SmsSubmission(List.of("outbox-" + key.getKey()), BigDecimal.ZERO, null, true);
	}

	/** The table answers; a query that matches no row, so it costs nothing however big the outbox is. */
	@Override
	public void probe() {
		jdbc.sql("SELECT COUNT(*) FROM sms_outbox WHERE id < 0").query(Long.class).single();
	}

	@Override
	public String providerName() {
		return "outbox";
	}

}
