package dev.smsauth.mysql;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.smsauth.limits.RateLimiterContract;
import dev.smsauth.sms.SmsMessageStatus;
import dev.smsauth.sms.SmsReceipt;
import dev.smsauth.sms.SmsReceipts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery receipts racing on the real MariaDB: fifty receipts at once for the two parts of one
 * message (the same "delivered" many times, a "failed" for one part among them) leave each part
 * one final word, the message the word its parts make, and each part's price counted once.
 */
class MysqlSmsReceiptTests {

	static String url;

	static Node node;

	@BeforeAll
	static void start() {
		url = MariaDb.freshDatabase();
		node = Node.start(url, 0);
	}

	@AfterAll
	static void stop() {
		if (node != null) {
			node.close();
		}
		MariaDb.drop(url);
	}

	@Test
	void fiftyReceiptsAtOnceForTwoPartsLeaveOneFinalWordEachAndEachPriceCountedOnce() throws Exception {
		JdbcClient jdbc = node.context().getBean(JdbcClient.class);
		SmsReceipts receipts = node.context().getBean(SmsReceipts.class);
		String messageId = UUID.randomUUID().toString();
		String first = "race-" + messageId.substring(0, 8) + "-1";
		String second = "race-" + messageId.substring(0, 8) + "-2";
		jdbc.sql("INSERT INTO sms_message (id, purpose, provider, provider_message_id, calling_code, to_masked, parts, "
				+ "status, verified, created_at, status_at) VALUES (:id, 'notice', 'vonage', :first, '44', "
				+ "'+44 ••• ••• 0123', 2, 'submitted', FALSE, :now, :now)")
			.param("id", messageId)
			.param("first", first)
			.param("now", Timestamp.from(Instant.now()))
			.update();
		for (String part : List.of(first, second)) {
			jdbc.sql("INSERT INTO sms_message_part (provider, provider_message_id, message_id, status) "
					+ "VALUES ('vonage', :part, :id, 'submitted')")
				.param("part", part)
				.param("id", messageId)
				.update();
		}

		AtomicInteger next = new AtomicInteger();
		List<SmsReceipts.Outcome> outcomes = RateLimiterContract.fireAtOnce(50, () -> {
			int n = next.getAndIncrement();
			String part = n % 2 == 0 ? first : second;
			SmsMessageStatus status = n == 21 ? SmsMessageStatus.FAILED : SmsMessageStatus.DELIVERED;
			return receipts.apply(new SmsReceipt("vonage", part, status, status == SmsMessageStatus.FAILED ? "vonage-dlr-6"
					: null, new BigDecimal("0.0100"), "EUR"));
		});

		assertThat(outcomes).containsOnly(SmsReceipts.Outcome.ACCEPTED);
		String secondStatus = jdbc.sql("SELECT status FROM sms_message_part WHERE provider_message_id = :p")
			.param("p", second)
			.query(String.class)
			.single();
		assertThat(secondStatus).isIn("delivered", "failed");
		assertThat(jdbc.sql("SELECT status FROM sms_message_part WHERE provider_message_id = :p")
			.param("p", first)
			.query(String.class)
			.single()).isEqualTo("delivered");
		record Row(String status, BigDecimal price, String currency) {
		}
		Row message = jdbc.sql("SELECT status, price, currency FROM sms_message WHERE id = :id")
			.param("id", messageId)
			.query((rs, row) -> new Row(rs.getString(1), rs.getBigDecimal(2), rs.getString(3)))
			.single();
		assertThat(message.status()).isEqualTo(secondStatus);
		assertThat(message.price()).isEqualByComparingTo("0.02");
		assertThat(message.currency()).isEqualTo("EUR");
	}

}
