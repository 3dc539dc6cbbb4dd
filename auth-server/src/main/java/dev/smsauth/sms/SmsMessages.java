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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
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

	private static final Logger log = LoggerFactory.getLogger(SmsMessages.class);

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
				try {
					jdbc.sql("INSERT INTO sms_message_part (provider, provider_message_id, message_id, status) "
							+ "VALUES (:provider, :partId, :id, :status)")
						.param("provider", provider)
						.param("partId", partId)
						.param("id", id)
						.param("status", status.column())
						.update();
				}
				catch (DuplicateKeyException ex) {
					// The provider gave an id it gave before (a misbehaving provider or a stub): the message
					// went out, so the send must not fail now; only its receipts can not be told apart.
					log.warn("{} reused message id {}: receipts for it stay with the earlier message", provider, partId);
				}
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

	/**
	 * Brings a part, and then its message, up to date with a verified receipt. A final status
	 * (delivered, failed, expired) is written only over {@code submitted}, part and message alike,
	 * so a late "sent" or a second, different final word changes nothing. The message is delivered
	 * when every part is, failed or expired as soon as one part is. A receipt's price counts only
	 * when the submission had none, once per part (at its final receipt).
	 * @return false when no message of ours has this id (nothing changed)
	 */
	boolean applyReceipt(SmsReceipt receipt) {
		Boolean known = transactions.execute(tx -> {
			// Locking reads first, part then message: receipts for the parts of one message (or the
			// same receipt twice) may arrive at once, and they go one at a time per message. On
			// MariaDB the plain reads below then see every receipt committed before the locks were
			// ours (InnoDB takes its snapshot at the first plain read, not at the transaction's start).
			String messageId = jdbc.sql("SELECT message_id FROM sms_message_part WHERE provider = :provider "
					+ "AND provider_message_id = :partId" + (receipt.status().isFinal() ? " FOR UPDATE" : ""))
				.param("provider", receipt.provider())
				.param("partId", receipt.providerMessageId())
				.query(String.class)
				.optional()
				.orElse(null);
			if (messageId == null) {
				return false;
			}
			if (!receipt.status().isFinal()) {
				return true;
			}
			// The row's lock, and what the metrics need later, in one read.
			LockedMessage locked = jdbc.sql("SELECT price, provider, calling_code FROM sms_message WHERE id = :id FOR UPDATE")
				.param("id", messageId)
				.query((rs, row) -> new LockedMessage(rs.getBigDecimal("price"), rs.getString("provider"),
						rs.getString("calling_code")))
				.single();
			BigDecimal submittedPrice = locked.price();
			int changed = jdbc.sql("UPDATE sms_message_part SET status = :status, error_code = :error "
					+ "WHERE provider = :provider AND provider_message_id = :partId AND status = 'submitted'")
				.param("status", receipt.status().column())
				.param("error", receipt.errorCode())
				.param("provider", receipt.provider())
				.param("partId", receipt.providerMessageId())
				.update();
			if (changed == 0) {
				return true;
			}
			if (receipt.price() != null && pricedByReceipts(messageId, submittedPrice)) {
				addPartPrice(messageId, receipt);
			}
			settleMessage(messageId, locked);
			return true;
		});
		return Boolean.TRUE.equals(known);
	}

	/** True when the message's price comes from its receipts: none at submission, or a part priced already. */
	private boolean pricedByReceipts(String messageId, BigDecimal submittedPrice) {
		return submittedPrice == null || jdbc
			.sql("SELECT COUNT(*) FROM sms_message_part WHERE message_id = :id AND price IS NOT NULL")
			.param("id", messageId)
			.query(Integer.class)
			.single() > 0;
	}

	private void addPartPrice(String messageId, SmsReceipt receipt) {
		jdbc.sql("UPDATE sms_message_part SET price = :price WHERE provider = :provider AND provider_message_id = :partId")
			.param("price", receipt.price())
			.param("provider", receipt.provider())
			.param("partId", receipt.providerMessageId())
			.update();
		// Summed by a plain read, not a subquery of the UPDATE: InnoDB would lock the other parts'
		// rows for it, which a receipt waiting for the message's lock may hold (a deadlock).
		BigDecimal total = jdbc.sql("SELECT SUM(price) FROM sms_message_part WHERE message_id = :id")
			.param("id", messageId)
			.query(BigDecimal.class)
			.single();
		jdbc.sql("UPDATE sms_message SET price = :total, currency = COALESCE(currency, :currency) WHERE id = :id")
			.param("id", messageId)
			.param("total", total)
			.param("currency", receipt.currency())
			.update();
		metrics.cost(receipt.provider(), receipt.currency(), receipt.price());
	}

	/** The message's word from its parts' words; written only while the message is still submitted. */
	/** The message row as locked by a receipt: its submitted price, and the metrics' labels. */
	private record LockedMessage(BigDecimal price, String provider, String callingCode) {
	}

	private void settleMessage(String messageId, LockedMessage message) {
		List<String[]> parts = jdbc.sql("SELECT status, error_code FROM sms_message_part WHERE message_id = :id "
				+ "ORDER BY provider_message_id")
			.param("id", messageId)
			.query((rs, row) -> new String[] { rs.getString("status"), rs.getString("error_code") })
			.list();
		SmsMessageStatus status = null;
		String errorCode = null;
		for (SmsMessageStatus finalWord : List.of(SmsMessageStatus.FAILED, SmsMessageStatus.EXPIRED)) {
			for (String[] part : parts) {
				if (status == null && finalWord.column().equals(part[0])) {
					status = finalWord;
					errorCode = part[1];
				}
			}
		}
		if (status == null && parts.stream().allMatch(part -> SmsMessageStatus.DELIVERED.column().equals(part[0]))) {
			status = SmsMessageStatus.DELIVERED;
		}
		if (status == null) {
			return;
		}
		int settled = jdbc.sql("UPDATE sms_message SET status = :status, error_code = :error, status_at = :now "
				+ "WHERE id = :id AND status = 'submitted'")
			.param("status", status.column())
			.param("error", errorCode)
			.param("now", Timestamp.from(clock.instant()))
			.param("id", messageId)
			.update();
		if (settled == 1) {
			metrics.statusChanged(message.provider(), message.callingCode(), status);
		}
	}

	/** The message one of whose parts has this provider id, or empty. */
	public java.util.Optional<SmsMessageRecord> forProviderMessage(String provider, String providerMessageId) {
		return jdbc.sql("SELECT m.* FROM sms_message m JOIN sms_message_part p ON p.message_id = m.id "
				+ "WHERE p.provider = :provider AND p.provider_message_id = :partId")
			.param("provider", provider)
			.param("partId", providerMessageId)
			.query(SmsMessages::map)
			.optional();
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
