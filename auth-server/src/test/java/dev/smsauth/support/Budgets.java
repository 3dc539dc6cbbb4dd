package dev.smsauth.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Test fixtures for the shared limits: acts counted as if earlier requests had made them. */
public final class Budgets {

	private Budgets() {
	}

	/**
	 * Counts {@code count} acts in {@code bucket} at {@code at}, as {@code RateLimiter.reserve} would
	 * have: for the buckets the SMS budgets count in sub-windows (the global and calling-code ones,
	 * hourly, so in minutes) as one sub-window's count, for every other bucket as hits.
	 */
	public static void spend(JdbcClient jdbc, String bucket, int count, Instant at) {
		if (bucket.equals("sms:global") || bucket.startsWith("sms:cc:")) {
			Timestamp minute = Timestamp.from(Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), 60) * 60));
			if (jdbc.sql("UPDATE rate_limit_sub_window SET hits = hits + :n WHERE bucket = :b AND starts_at = :s")
				.param("n", count).param("b", bucket).param("s", minute).update() == 0) {
				jdbc.sql("INSERT INTO rate_limit_sub_window (bucket, starts_at, hits) VALUES (:b, :s, :n)")
					.param("n", count).param("b", bucket).param("s", minute).update();
			}
			return;
		}
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
		jdbc.sql("DELETE FROM rate_limit_sub_window").update();
		jdbc.sql("DELETE FROM rate_limit_counter").update();
	}

}
