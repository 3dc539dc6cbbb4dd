package dev.smsauth.mfa.totp;

import java.sql.Timestamp;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code user_authenticator} (V7): at most one confirmed authenticator app per user. */
@Repository
class AuthenticatorRepository {

	private final JdbcClient jdbc;

	AuthenticatorRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<StoredAuthenticator> find(String userId) {
		return jdbc.sql("SELECT user_id, secret, last_used_step, created_at FROM user_authenticator WHERE user_id = :u")
			.param("u", userId)
			.query((rs, row) -> new StoredAuthenticator(rs.getString(1), rs.getString(2),
					rs.getObject(3) == null ? null : rs.getLong(3), rs.getTimestamp(4).toInstant()))
			.optional();
	}

	boolean exists(String userId) {
		return jdbc.sql("SELECT COUNT(*) FROM user_authenticator WHERE user_id = :u")
			.param("u", userId)
			.query(Integer.class)
			.single() > 0;
	}

	/** Saves a confirmed app, replacing any earlier one (portable SQL: UPDATE, then INSERT). */
	void save(StoredAuthenticator a) {
		int updated = jdbc
			.sql("UPDATE user_authenticator SET secret = :s, last_used_step = :step, created_at = :c WHERE user_id = :u")
			.param("u", a.userId())
			.param("s", a.sealedSecret())
			.param("step", a.lastUsedStep())
			.param("c", Timestamp.from(a.createdAt()))
			.update();
		if (updated == 0) {
			jdbc.sql("INSERT INTO user_authenticator (user_id, secret, last_used_step, created_at) VALUES (:u, :s, :step, :c)")
				.param("u", a.userId())
				.param("s", a.sealedSecret())
				.param("step", a.lastUsedStep())
				.param("c", Timestamp.from(a.createdAt()))
				.update();
		}
	}

	/**
	 * Marks {@code step} as used, only if it is newer than every step used before: one conditional
	 * UPDATE, so two requests (or two nodes) racing with the same code can not both win.
	 */
	boolean claimStep(String userId, long step) {
		return jdbc
			.sql("UPDATE user_authenticator SET last_used_step = :step WHERE user_id = :u "
					+ "AND (last_used_step IS NULL OR last_used_step < :step)")
			.param("u", userId)
			.param("step", step)
			.update() == 1;
	}

	boolean delete(String userId) {
		return jdbc.sql("DELETE FROM user_authenticator WHERE user_id = :u").param("u", userId).update() > 0;
	}

}
