package dev.smsauth.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Test fixtures for the shared limits: acts counted as if earlier requests had made them. */
public final class Budgets {

	private Budgets() {
	}

	/** Counts {@code count} acts in {@code bucket} at {@code at}, as {@code RateLimiter.reserve} would have. */
	public static void spend(JdbcClient jdbc, String bucket, int count, Instant at) {
		for (int i = 0; i < count; i++) {
			jdbc.sql("INSERT INTO rate_limit_hit (id, bucket, hit_at) VALUES (:id, :b, :at)")
				.param("id", UUID.randomUUID().toString())
				.param("b", bucket)
				.param("at", Timestamp.from(at.truncatedTo(java.time.temporal.ChronoUnit.MICROS)))
				.update();
		}
	}

	/** Forgets every count and claim: budgets are shared by the whole server. */
	public static void resetAll(JdbcClient jdbc) {
		jdbc.sql("DELETE FROM rate_limit_hit").update();
		jdbc.sql("DELETE FROM rate_limit_counter").update();
	}

}
