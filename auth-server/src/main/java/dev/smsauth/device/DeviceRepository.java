package dev.smsauth.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code user_device} (V12). Every statement names the user as well as the token hash or the
 * row id, so one user's token or id never reaches another user's row.
 */
@Repository
class DeviceRepository {

	private static final String COLUMNS = "id, user_id, user_agent_summary, ip, remembered, created_at, last_used_at, "
			+ "last_second_factor_at, token_hash";

	private final JdbcClient jdbc;

	DeviceRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Device> find(String tokenHash, String userId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM user_device WHERE token_hash = :hash AND user_id = :user")
			.param("hash", tokenHash)
			.param("user", userId)
			.query((rs, row) -> device(rs, null))
			.optional();
	}

	Optional<Device> findById(String userId, String id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM user_device WHERE id = :id AND user_id = :user")
			.param("id", id)
			.param("user", userId)
			.query((rs, row) -> device(rs, null))
			.optional();
	}

	/** Newest use first; {@code currentHash} (may be null) marks the browser asking. */
	List<Device> list(String userId, String currentHash) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM user_device WHERE user_id = :user ORDER BY last_used_at DESC, id")
			.param("user", userId)
			.query((rs, row) -> device(rs, currentHash))
			.list();
	}

	/** Fails with a duplicate key when the row exists already (another node or thread was first). */
	void insert(String id, String userId, String tokenHash, boolean remembered, Instant now, String browser, String ip) {
		jdbc.sql("INSERT INTO user_device (id, user_id, token_hash, remembered, created_at, last_used_at, "
				+ "last_second_factor_at, user_agent_summary, ip) VALUES (:id, :user, :hash, :remembered, :now, :now, :now, "
				+ ":browser, :ip)")
			.param("id", id)
			.param("user", userId)
			.param("hash", tokenHash)
			.param("remembered", remembered)
			.param("now", Timestamp.from(now))
			.param("browser", browser)
			.param("ip", ip)
			.update();
	}

	/** A second factor again in a known browser; "remembered" is only ever switched on here. */
	int secondFactorAgain(String userId, String tokenHash, boolean remember, Instant now, String browser, String ip) {
		return jdbc.sql("UPDATE user_device SET remembered = (remembered OR :remember), last_used_at = :now, "
				+ "last_second_factor_at = :now, user_agent_summary = :browser, ip = :ip "
				+ "WHERE token_hash = :hash AND user_id = :user")
			.param("remember", remember)
			.param("now", Timestamp.from(now))
			.param("browser", browser)
			.param("ip", ip)
			.param("hash", tokenHash)
			.param("user", userId)
			.update();
	}

	/** Moves last use forward, at most about once a minute per device (no write on every request). */
	void used(String id, Instant now) {
		jdbc.sql("UPDATE user_device SET last_used_at = :now WHERE id = :id AND last_used_at < :minuteAgo")
			.param("now", Timestamp.from(now))
			.param("id", id)
			.param("minuteAgo", Timestamp.from(now.minusSeconds(60)))
			.update();
	}

	boolean hasOthers(String userId, String tokenHash) {
		// Whether any, not how many: a person who signs in without keeping cookies leaves a row per
		// sign-in, and a count would read them all on every new one.
		return jdbc.sql("SELECT 1 FROM user_device WHERE user_id = :user AND token_hash <> :hash LIMIT 1")
			.param("user", userId)
			.param("hash", tokenHash)
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	boolean delete(String userId, String id) {
		return jdbc.sql("DELETE FROM user_device WHERE id = :id AND user_id = :user")
			.param("id", id)
			.param("user", userId)
			.update() > 0;
	}

	/** Every device of the user but the one with {@code keepHash} (null keeps none). */
	int deleteAllBut(String userId, String keepHash) {
		if (keepHash == null) {
			return jdbc.sql("DELETE FROM user_device WHERE user_id = :user").param("user", userId).update();
		}
		return jdbc.sql("DELETE FROM user_device WHERE user_id = :user AND token_hash <> :hash")
			.param("user", userId)
			.param("hash", keepHash)
			.update();
	}

	private static Device device(ResultSet rs, String currentHash) throws SQLException {
		return new Device(rs.getString("id"), rs.getString("user_id"), rs.getString("user_agent_summary"),
				rs.getString("ip"), rs.getBoolean("remembered"), instant(rs, "created_at"), instant(rs, "last_used_at"),
				instant(rs, "last_second_factor_at"), currentHash != null && currentHash.equals(rs.getString("token_hash")));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getTimestamp(column).toInstant();
	}

}
