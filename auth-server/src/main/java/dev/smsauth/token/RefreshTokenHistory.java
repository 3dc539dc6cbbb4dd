package dev.smsauth.token;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Refresh tokens that were rotated out (table {@code refresh_token_history}), by SHA-256. The
 * primary key is the token's hash, so recording a token doubles as claiming it: of any number of
 * requests, on any number of nodes, that rotate the same token at once, exactly one records it.
 */
final class RefreshTokenHistory {

	private final JdbcClient jdbc;

	private final Clock clock;

	RefreshTokenHistory(JdbcOperations jdbc, Clock clock) {
		this.jdbc = JdbcClient.create(jdbc);
		this.clock = clock;
	}

	/** Records the token as rotated out of the grant; false when another request already did. */
	boolean claim(String tokenHash, String authorizationId) {
		try {
			jdbc.sql("INSERT INTO refresh_token_history (token_hash, authorization_id, rotated_at) VALUES (:hash, :id, :at)")
				.param("hash", tokenHash)
				.param("id", authorizationId)
				.param("at", Timestamp.from(clock.instant()))
				.update();
			return true;
		}
		catch (DataIntegrityViolationException | ConcurrencyFailureException lost) {
			// The primary key (or, waiting on the winner's row lock, a lock error) says someone was first.
			return false;
		}
	}

	/** The grant a rotated-out token belonged to. */
	Optional<String> grantOf(String tokenHash) {
		return jdbc.sql("SELECT authorization_id FROM refresh_token_history WHERE token_hash = :hash")
			.param("hash", tokenHash)
			.query(String.class)
			.optional();
	}

}
