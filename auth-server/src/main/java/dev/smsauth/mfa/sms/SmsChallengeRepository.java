package dev.smsauth.mfa.sms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code sms_challenge}. State changes are single conditional UPDATEs, so two nodes (or
 * two tabs) racing on one code can not both win, and a try is counted before it is checked.
 */
@Repository
class SmsChallengeRepository {

	private final JdbcClient jdbc;

	SmsChallengeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(SmsChallenge c) {
		jdbc.sql("INSERT INTO sms_challenge (id, user_id, phone_number, purpose, code_hash, status, failed_attempts, created_at, expires_at) "
				+ "VALUES (:id, :user, :phone, :purpose, :hash, :status, 0, :created, :expires)")
			.param("id", c.id())
			.param("user", c.userId())
			.param("phone", c.phoneNumber())
			.param("purpose", c.purpose().name())
			.param("hash", c.codeHash())
			.param("status", c.status().name())
			.param("created", Timestamp.from(c.createdAt()))
			.param("expires", Timestamp.from(c.expiresAt()))
			.update();
	}

	Optional<SmsChallenge> findById(String id) {
		return jdbc.sql("SELECT * FROM sms_challenge WHERE id = :id").param("id", id).query(SmsChallengeRepository::map).optional();
	}

	/** Newest code that was actually sent to this user, for the resend cooldown. */
	Optional<Instant> lastSentAt(String userId) {
		return jdbc.sql("SELECT MAX(created_at) FROM sms_challenge WHERE user_id = :user AND status <> 'UNSENT'")
			.param("user", userId)
			.query((rs, row) -> rs.getTimestamp(1))
			.optional()
			.map(Timestamp::toInstant);
	}

	int countSentSince(String userId, Instant since) {
		return jdbc.sql("SELECT COUNT(*) FROM sms_challenge WHERE user_id = :user AND status <> 'UNSENT' AND created_at > :since")
			.param("user", userId)
			.param("since", Timestamp.from(since))
			.query(Integer.class)
			.single();
	}

	int failuresSince(String userId, Instant since) {
		return jdbc.sql("SELECT COALESCE(SUM(failed_attempts), 0) FROM sms_challenge WHERE user_id = :user AND created_at > :since")
			.param("user", userId)
			.param("since", Timestamp.from(since))
			.query(Integer.class)
			.single();
	}

	/**
	 * Reserves one try on a pending code: succeeds only while fewer than {@code max} tries were
	 * used, so concurrent guesses can not exceed the limit.
	 */
	boolean reserveAttempt(String id, int max) {
		return jdbc.sql("UPDATE sms_challenge SET failed_attempts = failed_attempts + 1 WHERE id = :id AND status = 'PENDING' AND failed_attempts < :max")
			.param("id", id)
			.param("max", max)
			.update() == 1;
	}

	/** The correct code: give the reserved try back and mark the code used; false if another request won. */
	boolean markVerified(String id) {
		return jdbc.sql("UPDATE sms_challenge SET status = 'VERIFIED', failed_attempts = failed_attempts - 1 WHERE id = :id AND status = 'PENDING'")
			.param("id", id)
			.update() == 1;
	}

	void markExhaustedIfSpent(String id, int max) {
		jdbc.sql("UPDATE sms_challenge SET status = 'EXHAUSTED' WHERE id = :id AND status = 'PENDING' AND failed_attempts >= :max")
			.param("id", id)
			.param("max", max)
			.update();
	}

	void markUnsent(String id) {
		jdbc.sql("UPDATE sms_challenge SET status = 'UNSENT' WHERE id = :id").param("id", id).update();
	}

	/** A new code kills every older pending code of the user. */
	void supersedeOthers(String userId, String keepId) {
		jdbc.sql("UPDATE sms_challenge SET status = 'SUPERSEDED' WHERE user_id = :user AND status = 'PENDING' AND id <> :keep")
			.param("user", userId)
			.param("keep", keepId)
			.update();
	}

	private static SmsChallenge map(ResultSet rs, int row) throws SQLException {
		return new SmsChallenge(rs.getString("id"), rs.getString("user_id"), rs.getString("phone_number"),
				SmsChallenge.Purpose.valueOf(rs.getString("purpose")), rs.getString("code_hash"),
				SmsChallenge.Status.valueOf(rs.getString("status")), rs.getInt("failed_attempts"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant());
	}

}
