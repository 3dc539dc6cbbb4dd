package dev.smsauth.cleanup;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clean-up of SMS message records ({@code auth.sms.messages.retention}, with their parts) and
 * of monthly budget counters older than the current month and the twelve before it, in batches.
 */
@AuthServerTest
@TestPropertySource(properties = { "auth.cleanup.enabled=false", "auth.cleanup.batch-size=2" })
class SmsRecordsCleanupTests {

	@Autowired
	CleanupJob cleanup;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	@BeforeEach
	void setUp() {
		clock.reset();
	}

	@Test
	void whenMessagesArePastRetentionThenTheyAndTheirPartsGoAndYoungerOnesStay() {
		Instant now = clock.instant();
		String young = message(now.minus(Duration.ofDays(399)));
		for (int i = 0; i < 5; i++) {
			message(now.minus(Duration.ofDays(401)));
		}
		CleanupReport report = cleanup.run();
		assertThat(report.smsMessages()).isEqualTo(5);
		assertThat(jdbc.queryForList("SELECT id FROM sms_message", String.class)).containsExactly(young);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_message_part", Integer.class)).isEqualTo(1);
	}

	@Test
	void whenBudgetCountersAreOlderThanThirteenMonthsThenTheyGo() {
		LocalDate month = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).withDayOfMonth(1);
		String client = "cleanup-" + UUID.randomUUID();
		for (int back = 0; back <= 15; back++) {
			jdbc.update("INSERT INTO sms_monthly_usage (client_id, month_start, used) VALUES (?, ?, 1)", client,
					month.minusMonths(back));
		}
		assertThat(cleanup.run().smsMonthlyUsage()).isEqualTo(2);
		assertThat(jdbc.queryForObject("SELECT MIN(month_start) FROM sms_monthly_usage WHERE client_id = ?",
				LocalDate.class, client)).isEqualTo(month.minusMonths(13));
	}

	private String message(Instant at) {
		String id = UUID.randomUUID().toString();
		jdbc.update("INSERT INTO sms_message (id, purpose, provider, calling_code, to_masked, parts, status, verified, "
				+ "created_at, status_at) VALUES (?, 'notice', 'vonage', '44', '+44 *** 01', 1, 'submitted', FALSE, ?, ?)",
				id, Timestamp.from(at), Timestamp.from(at));
		jdbc.update("INSERT INTO sms_message_part (provider, provider_message_id, message_id, status) VALUES "
				+ "('vonage', ?, ?, 'submitted')", "part-" + id, id);
		return id;
	}

}
