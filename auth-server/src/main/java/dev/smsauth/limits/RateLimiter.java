package dev.smsauth.limits;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Limits shared by every node, kept in the database (a limit held in one JVM's memory would
 * multiply by the number of nodes).
 *
 * <p>{@link #reserve} is the one way to pass a limit: the slot is taken <em>before</em> the act it
 * limits (a send, a password check, a code check), atomically, so a script firing fifty requests
 * at once gets exactly as many through as the limit says. Each bucket's row in
 * {@code rate_limit_counter} is locked ({@code SELECT … FOR UPDATE}) for the length of the check,
 * and every counted act is a row in {@code rate_limit_hit}: "at most N in any period of length W"
 * is then exact, with no fixed window that lets 2N through around its boundary. An act that turned
 * out not to count (the right password, the right code) gives its slot back with {@link #release}.
 *
 * <p>{@link #claim} is the cheaper "once per period" (one conditional UPDATE or a unique INSERT).
 * Portable SQL, so H2 and MySQL/MariaDB run the same statements.
 */
@Component
public class RateLimiter {

	/** Hits older than this are deleted by the clean-up job; no limit may use a longer window. */
	public static final Duration LONGEST_WINDOW = Duration.ofDays(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TransactionTemplate tx;

	RateLimiter(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.tx = new TransactionTemplate(transactions);
		// Its own short transaction even when called inside another one: the bucket locks are held
		// only for the check. Read committed: the count after the lock sees every committed hit.
		this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
	}

	/**
	 * Takes one slot in every one of {@code limits}, or in none. When one refuses, the answer names
	 * the first refusing limit in the order given (so callers list the limit a person should hear
	 * about first) and when a slot frees up. Buckets are locked in name order, so two reservations
	 * over the same buckets can not deadlock.
	 */
	public Reservation reserve(Limit... limits) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		Map<String, Limit> byBucket = new LinkedHashMap<>();
		for (Limit limit : limits) {
			byBucket.putIfAbsent(limit.bucket(), limit);
		}
		List<String> lockOrder = new ArrayList<>(byBucket.keySet());
		lockOrder.sort(Comparator.naturalOrder());
		for (int attempt = 0; attempt < 3; attempt++) {
			Optional<Reservation> decided = tx.execute(status -> {
				if (!lock(lockOrder)) {
					return Optional.empty();
				}
				Map<String, Seen> seen = seen(byBucket.values(), now);
				for (Limit limit : byBucket.values()) {
					Optional<Instant> freeAt = refusal(limit, seen.getOrDefault(limit.bucket(), Seen.NONE), now);
					if (freeAt.isPresent()) {
						return Optional.of(Reservation.refused(limit, Duration.between(now, freeAt.get())));
					}
				}
				String id = UUID.randomUUID().toString();
				insertHits(id, lockOrder, now);
				return Optional.of(Reservation.granted(id));
			});
			if (decided.isPresent()) {
				return decided.get();
			}
			// A bucket seen for the first time: create its lock row in a transaction of its own (an
			// INSERT that loses a race inside the locking one would hold a shared lock that MariaDB
			// can deadlock on), then lock again. Only the missing rows: an INSERT of an existing one
			// fails on the key, and each such exception cost more than this read.
			missingLockRows(lockOrder).forEach(this::createLockRow);
		}
		throw new IllegalStateException("could not lock the buckets " + lockOrder);
	}

	/** Gives back the slots of a granted reservation: the act turned out not to count. */
	public void release(Reservation reservation) {
		if (reservation.granted()) {
			inOwnTransaction(() -> jdbc.sql("DELETE FROM rate_limit_hit WHERE id = :id").param("id", reservation.id()).update());
		}
	}

	/**
	 * Gives back the slots of {@code reservation} and forgets every hit counted in {@code bucket}, in
	 * one transaction (the right password: its attempt was no failure, and it clears its own delay).
	 * The bucket's lock row stays, so its next reservation need not create it again.
	 */
	public void releaseAndForget(Reservation reservation, String bucket) {
		inOwnTransaction(() -> {
			if (reservation.granted()) {
				jdbc.sql("DELETE FROM rate_limit_hit WHERE id = :id").param("id", reservation.id()).update();
			}
			return jdbc.sql("DELETE FROM rate_limit_hit WHERE bucket = :b").param("b", bucket).update();
		});
	}

	/** Acts counted in {@code bucket} in the last {@code window}: for display and gates, never as the limit itself. */
	public int count(String bucket, Duration window) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		return jdbc.sql("SELECT COUNT(*) FROM rate_limit_hit WHERE bucket = :b AND hit_at > :since")
			.param("b", bucket)
			.param("since", Timestamp.from(now.minus(window)))
			.query(Integer.class)
			.single();
	}

	/** Forgets every hit and claim of {@code bucket} (the right password clears its own delay). */
	public void reset(String bucket) {
		inOwnTransaction(() -> {
			jdbc.sql("DELETE FROM rate_limit_hit WHERE bucket = :b").param("b", bucket).update();
			return jdbc.sql("DELETE FROM rate_limit_counter WHERE bucket = :b").param("b", bucket).update();
		});
	}

	/**
	 * Claims {@code bucket} for {@code period}: granted for the first caller, then refused (with the
	 * time left) for every caller on every node until {@code period} has passed since that claim.
	 * The period slides, so "at most one per hour" can not become two around a window boundary.
	 * One conditional UPDATE, or an INSERT that only one node can win.
	 */
	public Claim claim(String bucket, Duration period) {
		// The columns keep microseconds and the databases round the rest; truncating first makes
		// "period has passed" exact instead of off by a rounded-up microsecond.
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		Timestamp at = Timestamp.from(now);
		return inOwnTransaction(() -> {
			if (jdbc.sql("UPDATE rate_limit_counter SET window_start = :at, hits = 1, last_hit = :at WHERE bucket = :b AND window_start <= :expired")
				.param("b", bucket).param("at", at).param("expired", Timestamp.from(now.minus(period))).update() == 1) {
				return new Claim(true, Duration.ZERO);
			}
			try {
				jdbc.sql("INSERT INTO rate_limit_counter (bucket, window_start, hits, last_hit) VALUES (:b, :at, 1, :at)")
					.param("b", bucket).param("at", at).update();
				return new Claim(true, Duration.ZERO);
			}
			catch (DuplicateKeyException claimed) {
				// The row exists and its period is still running (or another node just claimed it).
				Duration left = jdbc.sql("SELECT window_start FROM rate_limit_counter WHERE bucket = :b")
					.param("b", bucket)
					.query((rs, row) -> Duration.between(now, rs.getTimestamp(1).toInstant().plus(period)))
					.optional()
					.orElse(Duration.ZERO);
				return new Claim(false, left.isNegative() ? Duration.ZERO : left);
			}
		});
	}

	/** Ends a claim early: the act it guarded did not happen (the provider failed), so the next may try at once. */
	public void unclaim(String bucket) {
		inOwnTransaction(() -> jdbc.sql("DELETE FROM rate_limit_counter WHERE bucket = :b").param("b", bucket).update());
	}

	/**
	 * Every write commits on its own, also when called while another transaction is bound to the
	 * thread or has just committed (an after-commit listener, whose connection would otherwise
	 * hold the write uncommitted).
	 */
	private <T> T inOwnTransaction(java.util.function.Supplier<T> work) {
		return tx.execute(status -> work.get());
	}

	/**
	 * Locks the lock rows of {@code buckets} (given sorted by name): true when every one exists. One
	 * statement for all of them, and every reservation of more than one bucket takes this same path,
	 * so all of them lock in one order and two sharing buckets can not deadlock: InnoDB reads an
	 * {@code IN} list on the primary key as ranges in key order ({@code utf8mb4_bin}: the name order),
	 * H2 probes its primary-key index per value of the list (plan checked), sorted by name either
	 * way. Proved by {@code RateLimiterContract} on H2 and on both MariaDB nodes at once.
	 */
	private boolean lock(List<String> buckets) {
		if (buckets.size() == 1) {
			return !jdbc.sql("SELECT bucket FROM rate_limit_counter WHERE bucket = :b FOR UPDATE")
				.param("b", buckets.get(0))
				.query(String.class)
				.list()
				.isEmpty();
		}
		return jdbc.sql("SELECT bucket FROM rate_limit_counter WHERE bucket IN (:b) ORDER BY bucket FOR UPDATE")
			.param("b", buckets)
			.query(String.class)
			.list()
			.size() == buckets.size();
	}

	/**
	 * The hits of each of {@code limits} in its window, with the newest: one grouped count per
	 * distinct window (the buckets of one reservation almost always share theirs). Called with the
	 * buckets locked, so no hit of theirs can be added meanwhile.
	 */
	private Map<String, Seen> seen(Collection<Limit> limits, Instant now) {
		Map<Duration, List<String>> byWindow = new LinkedHashMap<>();
		for (Limit limit : limits) {
			byWindow.computeIfAbsent(limit.window(), window -> new ArrayList<>()).add(limit.bucket());
		}
		Map<String, Seen> seen = new HashMap<>();
		byWindow.forEach((window, buckets) -> {
			Timestamp since = Timestamp.from(now.minus(window));
			if (buckets.size() == 1) {
				seen.put(buckets.get(0), jdbc.sql("SELECT COUNT(*), MAX(hit_at) FROM rate_limit_hit WHERE bucket = :b AND hit_at > :since")
					.param("b", buckets.get(0))
					.param("since", since)
					.query((rs, row) -> Seen.of(rs.getInt(1), rs.getTimestamp(2)))
					.single());
				return;
			}
			jdbc.sql("SELECT bucket, COUNT(*), MAX(hit_at) FROM rate_limit_hit WHERE bucket IN (:b) AND hit_at > :since GROUP BY bucket")
				.param("b", buckets)
				.param("since", since)
				.query(rs -> {
					seen.put(rs.getString(1), Seen.of(rs.getInt(2), rs.getTimestamp(3)));
				});
		});
		return seen;
	}

	/** One row per bucket for this act, all in one INSERT (the rows of a reservation share its id). */
	private void insertHits(String id, List<String> buckets, Instant now) {
		StringBuilder sql = new StringBuilder("INSERT INTO rate_limit_hit (id, bucket, hit_at) VALUES ");
		for (int i = 0; i < buckets.size(); i++) {
			sql.append(i == 0 ? "" : ", ").append("(:id, :b").append(i).append(", :at)");
		}
		JdbcClient.StatementSpec insert = jdbc.sql(sql.toString()).param("id", id).param("at", Timestamp.from(now));
		for (int i = 0; i < buckets.size(); i++) {
			insert = insert.param("b" + i, buckets.get(i));
		}
		insert.update();
	}

	/** The buckets of {@code buckets} without a lock row yet (a plain read, no lock). */
	private List<String> missingLockRows(List<String> buckets) {
		List<String> present = jdbc.sql("SELECT bucket FROM rate_limit_counter WHERE bucket IN (:b)")
			.param("b", buckets)
			.query(String.class)
			.list();
		return buckets.stream().filter(bucket -> !present.contains(bucket)).toList();
	}

	private void createLockRow(String bucket) {
		// Its time only tells the clean-up job when the row may go (a day later).
		Timestamp created = Timestamp.from(clock.instant());
		inOwnTransaction(() -> {
			try {
				return jdbc.sql("INSERT INTO rate_limit_counter (bucket, window_start, hits, last_hit) VALUES (:b, :at, 0, :at)")
					.param("b", bucket).param("at", created).update();
			}
			catch (DuplicateKeyException exists) {
				// Another request created it first: that is all we wanted.
				return 0;
			}
		});
	}

	/** Hits of one bucket in its window and the newest of them (null when none). */
	private record Seen(int count, Instant newest) {

		static final Seen NONE = new Seen(0, null);

		static Seen of(int count, Timestamp newest) {
			return new Seen(count, newest == null ? null : newest.toInstant());
		}

	}

	/** When {@code limit} frees a slot, or empty when it has one now. Called with the bucket locked. */
	private Optional<Instant> refusal(Limit limit, Seen seen, Instant now) {
		if (seen.count() >= limit.max()) {
			// The slot frees when the hit that takes the count below the limit leaves the window.
			Timestamp since = Timestamp.from(now.minus(limit.window()));
			Instant leaving = jdbc.sql("SELECT hit_at FROM rate_limit_hit WHERE bucket = :b AND hit_at > :since ORDER BY hit_at LIMIT 1 OFFSET " + (seen.count() - limit.max()))
				.param("b", limit.bucket())
				.param("since", since)
				.query((rs, row) -> rs.getTimestamp(1).toInstant())
				.single();
			return Optional.of(leaving.plus(limit.window()));
		}
		Duration spacing = limit.spacing().after(seen.count());
		if (seen.newest() != null && !spacing.isZero() && seen.newest().plus(spacing).isAfter(now)) {
			return Optional.of(seen.newest().plus(spacing));
		}
		return Optional.empty();
	}

	/**
	 * At most {@code max} acts in any period of length {@code window} in {@code bucket}; optionally
	 * a wait after the last act that grows with the count (a progressive delay).
	 */
	public record Limit(String bucket, int max, Duration window, Spacing spacing) {

		public Limit {
			if (window.compareTo(LONGEST_WINDOW) > 0) {
				throw new IllegalArgumentException("windows longer than " + LONGEST_WINDOW + " are not kept");
			}
		}

		public static Limit of(String bucket, int max, Duration window) {
			return new Limit(bucket, max, window, count -> Duration.ZERO);
		}

		public Limit withSpacing(Spacing spacing) {
			return new Limit(bucket, max, window, spacing);
		}

	}

	/** How long the next act must wait after the newest one, given how many are in the window. */
	@FunctionalInterface
	public interface Spacing {

		Duration after(int countInWindow);

	}

	/** The answer of {@link #reserve}: a slot (to release if the act does not count), or why not and for how long. */
	public record Reservation(String id, Limit refusedBy, Duration retryAfter) {

		static Reservation granted(String id) {
			return new Reservation(id, null, Duration.ZERO);
		}

		static Reservation refused(Limit limit, Duration retryAfter) {
			return new Reservation(null, limit, retryAfter.isNegative() ? Duration.ZERO : retryAfter);
		}

		public boolean granted() {
			return id != null;
		}

	}

	/** The answer of {@link #claim}: whether this caller has it, and otherwise how long until it is free. */
	public record Claim(boolean granted, Duration retryAfter) {
	}

}
