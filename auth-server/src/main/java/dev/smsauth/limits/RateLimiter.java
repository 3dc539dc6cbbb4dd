package dev.smsauth.limits;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Fixed-window counters in table {@code rate_limit_counter}, so every node sees the same counts
 * (a limit held in one JVM's memory would multiply by the number of nodes). Each hit is one
 * conditional UPDATE in the common case; the row rolls over to a new window in place. Written in
 * portable SQL (no MERGE / ON DUPLICATE KEY) so H2 and MySQL run the same statements.
 */
@Component
public class RateLimiter {

	private final JdbcClient jdbc;

	private final Clock clock;

	RateLimiter(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Counts one hit in {@code bucket}'s current window and returns the window's state after it. */
	public Window hit(String bucket, Duration window) {
		Instant now = clock.instant();
		Timestamp start = Timestamp.from(windowStart(now, window));
		Timestamp at = Timestamp.from(now);
		for (int attempt = 0; attempt < 3; attempt++) {
			// ">=": a window that another node (whose clock runs slightly ahead) already opened counts as
			// the current one; otherwise a skewed clock could never count a hit in that bucket.
			if (jdbc.sql("UPDATE rate_limit_counter SET hits = hits + 1, last_hit = :at WHERE bucket = :b AND window_start >= :w")
				.param("b", bucket).param("w", start).param("at", at).update() == 1) {
				return read(bucket).orElseThrow();
			}
			if (jdbc.sql("UPDATE rate_limit_counter SET hits = 1, window_start = :w, last_hit = :at WHERE bucket = :b AND window_start < :w")
				.param("b", bucket).param("w", start).param("at", at).update() == 1) {
				return read(bucket).orElseThrow();
			}
			try {
				jdbc.sql("INSERT INTO rate_limit_counter (bucket, window_start, hits, last_hit) VALUES (:b, :w, 1, :at)")
					.param("b", bucket).param("w", start).param("at", at).update();
				return read(bucket).orElseThrow();
			}
			catch (DuplicateKeyException raced) {
				// Another node created the row between our UPDATE and INSERT: count again.
			}
		}
		throw new IllegalStateException("could not count a hit in " + bucket);
	}

	/** The current window of {@code bucket}, or an empty one when it has no hits in it. */
	public Window peek(String bucket, Duration window) {
		Instant start = windowStart(clock.instant(), window);
		return read(bucket).filter(w -> !w.start().isBefore(start)).orElse(new Window(start, 0, null));
	}

	/**
	 * Claims {@code bucket} for {@code period}: true for the first caller, then false for every
	 * caller on every node until {@code period} has passed since that claim. Unlike the fixed
	 * windows of {@link #hit}, the period slides, so "at most one per hour" can not become two
	 * around a window boundary. One conditional UPDATE, or an INSERT that only one node can win.
	 */
	public boolean claim(String bucket, Duration period) {
		// The columns keep microseconds and the databases round the rest; truncating first makes
		// "period has passed" exact instead of off by a rounded-up microsecond.
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		Timestamp at = Timestamp.from(now);
		if (jdbc.sql("UPDATE rate_limit_counter SET window_start = :at, hits = 1, last_hit = :at WHERE bucket = :b AND window_start <= :expired")
			.param("b", bucket).param("at", at).param("expired", Timestamp.from(now.minus(period))).update() == 1) {
			return true;
		}
		try {
			jdbc.sql("INSERT INTO rate_limit_counter (bucket, window_start, hits, last_hit) VALUES (:b, :at, 1, :at)")
				.param("b", bucket).param("at", at).update();
			return true;
		}
		catch (DuplicateKeyException claimed) {
			// The row exists and its period is still running (or another node just claimed it).
			return false;
		}
	}

	public void reset(String bucket) {
		jdbc.sql("DELETE FROM rate_limit_counter WHERE bucket = :b").param("b", bucket).update();
	}

	private Optional<Window> read(String bucket) {
		return jdbc.sql("SELECT window_start, hits, last_hit FROM rate_limit_counter WHERE bucket = :b")
			.param("b", bucket)
			.query((rs, row) -> new Window(rs.getTimestamp(1).toInstant(), rs.getInt(2), rs.getTimestamp(3).toInstant()))
			.optional();
	}

	static Instant windowStart(Instant now, Duration window) {
		long size = window.toSeconds();
		return Instant.ofEpochSecond(now.getEpochSecond() / size * size);
	}

	/** Hits counted in the window that started at {@code start}; {@code lastHit} is null when empty. */
	public record Window(Instant start, int hits, Instant lastHit) {
	}

}
