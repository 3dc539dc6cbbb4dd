package dev.smsauth.sms;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.smsauth.user.CallingCodes;
import dev.smsauth.user.PhoneMasking;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tables {@code sms_message} and {@code sms_message_part}: what was handed to which provider, and
 * what its receipts said. Written by {@link SmsDelivery} once per provider call; never holds the
 * text or the full number.
 */
@Repository
@EnableConfigurationProperties(SmsMessagesProperties.class)
public class SmsMessages {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final SmsMessageMetrics metrics;

	SmsMessages(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, SmsMessageMetrics metrics) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactions);
		this.clock = clock;
		this.metrics = metrics;
	}

	/** Records a message a provider accepted, with one part row per provider id; returns our id. */
	String submitted(String provider, SmsMessage message, SmsContext context, SmsSubmission submission) {
		String id = UUID.randomUUID().toString();
		Instant now = clock.instant();
		SmsMessageStatus status = submission.delivered() ? SmsMessageStatus.DELIVERED : SmsMessageStatus.SUBMITTED;
		transactions.executeWithoutResult(tx -> {
			insert(id, provider, message, context, submission.providerMessageIds().get(0), submission.parts(),
					submission.price(), submission.currency(), status, null, now);
			for (String partId : submission.providerMessageIds()) {
				jdbc.sql("INSERT INTO sms_message_part (provider, provider_message_id, message_id, status) "
						+ "VALUES (:provider, :partId, :id, :status)")
					.param("provider", provider)
					.param("partId", partId)
					.param("id", id)
					.param("status", status.column())
					.update();
			}
		});
		String callingCode = CallingCodes.callingCodeOf(message.to());
		metrics.statusChanged(provider, callingCode, SmsMessageStatus.SUBMITTED);
		if (status == SmsMessageStatus.DELIVERED) {
			metrics.statusChanged(provider, callingCode, SmsMessageStatus.DELIVERED);
		}
		metrics.cost(provider, submission.currency(), submission.price());
		return id;
	}

	/** Records a provider call that did not get the message accepted. */
	void rejected(String provider, SmsMessage message, SmsContext context, SmsDeliveryException failure) {
		insert(UUID.randomUUID().toString(), provider, message, context, null, 0, null, null, SmsMessageStatus.REJECTED,
				failure.errorCode() != null ? failure.errorCode() : failure.kind().name().toLowerCase(Locale.ROOT),
				clock.instant());
		metrics.statusChanged(provider, CallingCodes.callingCodeOf(message.to()), SmsMessageStatus.REJECTED);
	}

	private void insert(String id, String provider, SmsMessage message, SmsContext context, String providerMessageId,
			int parts, BigDecimal price, String currency, SmsMessageStatus status, String errorCode, Instant now) {
		jdbc.sql("INSERT INTO sms_message (id, purpose, user_id, client_id, challenge_id, provider, provider_message_id, "
				+ "calling_code, to_masked, parts, price, currency, status, error_code, verified, created_at, status_at) "
				+ "VALUES (:id, :purpose, :user, :client, :challenge, :provider, :providerId, :cc, :to, :parts, :price, "
				+ ":currency, :status, :error, FALSE, :now, :now)")
			.param("id", id)
			.param("purpose", context.purpose().column())
			.param("user", context.userId())
			.param("client", context.clientId())
			.param("challenge", context.challengeId())
			.param("provider", provider)
			.param("providerId", providerMessageId)
			.param("cc", CallingCodes.callingCodeOf(message.to()))
			.param("to", PhoneMasking.mask(message.to()))
			.param("parts", parts)
			.param("price", price)
			.param("currency", currency)
			.param("status", status.column())
			.param("error", errorCode)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** The code of this challenge was verified: its accepted message counts as verified in the statistics. */
	public void codeVerified(String challengeId) {
		jdbc.sql("UPDATE sms_message SET verified = TRUE WHERE challenge_id = :challenge AND status <> 'rejected'")
			.param("challenge", challengeId)
			.update();
	}

	/** Every attempt for this challenge, oldest first. */
	public List<SmsMessageRecord> forChallenge(String challengeId) {
		return jdbc.sql("SELECT * FROM sms_message WHERE challenge_id = :challenge ORDER BY created_at, id")
			.param("challenge", challengeId)
			.query(SmsMessages::map)
			.list();
	}

	static SmsMessageRecord map(ResultSet rs, int row) throws SQLException {
		Timestamp statusAt = rs.getTimestamp("status_at");
		return new SmsMessageRecord(rs.getString("id"), SmsPurpose.valueOf(rs.getString("purpose").toUpperCase(Locale.ROOT)),
				rs.getString("user_id"), rs.getString("client_id"), rs.getString("challenge_id"), rs.getString("provider"),
				rs.getString("provider_message_id"), rs.getString("calling_code"), rs.getString("to_masked"),
				rs.getInt("parts"), rs.getBigDecimal("price"), rs.getString("currency"),
				SmsMessageStatus.ofColumn(rs.getString("status")), rs.getString("error_code"), rs.getBoolean("verified"),
				rs.getTimestamp("created_at").toInstant(), statusAt == null ? null : statusAt.toInstant());
	}

}
