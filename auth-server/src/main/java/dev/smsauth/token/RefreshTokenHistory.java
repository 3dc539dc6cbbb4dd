package dev.smsauth.token;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Refresh tokens that were rotated out (table {@code refresh_token_history}), by SHA-256. The
 * primary key is the token's hash, so recording a token doubles as claiming it: of any number of
 * requests, on any number of nodes, that rotate the same token at once, exactly one records it
 * (the others wait for its transaction and then fail on the key).
 */
final class RefreshTokenHistory {

	private final JdbcClient jdbc;

	private final Clock clock;

	RefreshTokenHistory(JdbcOperations jdbc, Clock clock) {
		this.jdbc = JdbcClient.create(jdbc);
		this.clock = clock;
	}

	/**
	 * Records the token as rotated out of the grant. Another request that already did makes this
	 * throw a {@code DataIntegrityViolationException} (the key), or a {@code ConcurrencyFailureException}
	 * when the wait for its lock ended badly.
	 */
	void record(String tokenHash, String authorizationId) {
		jdbc.sql("INSERT INTO refresh_token_history (token_hash, authorization_id, rotated_at) VALUES (:hash, :id, :at)")
			.param("hash", tokenHash)
			.param("id", authorizationId)
			.param("at", Timestamp.from(clock.instant()))
			.update();
	}

	/** The grant a rotated-out token belonged to. */
	Optional<String> grantOf(String tokenHash) {
		return jdbc.sql("SELECT authorization_id FROM refresh_token_history WHERE token_hash = :hash")
			.param("hash", tokenHash)
			.query(String.class)
			.optional();
	}

}
