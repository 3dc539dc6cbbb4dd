package dev.smsauth.mfa.recovery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code user_recovery_code} (V14): the keyed hashes of an account's recovery codes. */
@Repository
class RecoveryCodeRepository {

	private final JdbcClient jdbc;

	RecoveryCodeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks the account row for the rest of the transaction, so two "Generate" presses at once
	 * (on two nodes) replace the set one after the other and never leave twenty codes.
	 */
	void lockAccount(String userId) {
		jdbc.sql("SELECT id FROM user_account WHERE id = :u FOR UPDATE").param("u", userId).query(String.class).list();
	}

	/** Voids the old set: deleted, so an old code matches nothing. */
	void deleteAll(String userId) {
		jdbc.sql("DELETE FROM user_recovery_code WHERE user_id = :u").param("u", userId).update();
	}

	void insertAll(String userId, List<String> hashes, Instant now) {
		for (String hash : hashes) {
			jdbc.sql("INSERT INTO user_recovery_code (id, user_id, code_hash, created_at) VALUES (:id, :u, :h, :c)")
				.param("id", UUID.randomUUID().toString())
				.param("u", userId)
				.param("h", hash)
				.param("c", Timestamp.from(now))
				.update();
		}
	}

	/**
	 * Uses the code with this hash, if it is one of the account's unused codes: one conditional
	 * UPDATE, so of two requests (or two nodes) racing with one code exactly one wins.
	 */
	boolean claim(String userId, String hash, Instant now) {
		return jdbc
			.sql("UPDATE user_recovery_code SET used_at = :now WHERE user_id = :u AND code_hash = :h AND used_at IS NULL")
			.param("now", Timestamp.from(now))
			.param("u", userId)
			.param("h", hash)
			.update() == 1;
	}

	int unused(String userId) {
		return jdbc.sql("SELECT COUNT(*) FROM user_recovery_code WHERE user_id = :u AND used_at IS NULL")
			.param("u", userId)
			.query(Integer.class)
			.single();
	}

}
