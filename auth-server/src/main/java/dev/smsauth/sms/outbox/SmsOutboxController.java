package dev.smsauth.sms.outbox;

import java.util.List;

import dev.smsauth.api.InvalidInputException;
import dev.smsauth.sms.ConditionalOnSmsProvider;
import dev.smsauth.user.PhoneNumbers;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/dev/sms-outbox?to=+E.164}: the messages the outbox provider "sent", newest
 * first. Exists only while the outbox provider is active, behind the management scope. This is
 * the one place a code may appear in an API answer (../shared/SECURITY.md, item 8).
 */
@RestController
@ConditionalOnSmsProvider("outbox")
class SmsOutboxController {

	private final JdbcClient jdbc;

	SmsOutboxController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping("/api/v1/dev/sms-outbox")
	List<OutboxMessage> messages(@RequestParam(name = "to", required = false) String to) {
		if (to == null) {
			return jdbc.sql("SELECT to_number, text, sent_at FROM sms_outbox ORDER BY sent_at DESC, id DESC LIMIT 100")
				.query((rs, row) -> new OutboxMessage(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
				.list();
		}
		String number = PhoneNumbers.normalise(to)
			.orElseThrow(() -> new InvalidInputException("to", "must be a phone number in E.164 form, e.g. +14155550123"));
		return jdbc.sql("SELECT to_number, text, sent_at FROM sms_outbox WHERE to_number = :to ORDER BY sent_at DESC, id DESC LIMIT 100")
			.param("to", number)
			.query((rs, row) -> new OutboxMessage(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
			.list();
	}

}
