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
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
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
 * <p>A limit may instead be {@linkplain Limit#countedInSubWindows() counted in sub-windows}: its
 * acts are kept as one row per bucket and sub-window (a sixtieth of the window, at least a second:
 * minutes for an hourly limit) with a count, in {@code rate_limit_sub_window}, so its check sums at
 * most ~61 rows, however many acts the window holds. That is for budgets whose bucket grows with the
 * whole deployment's volume (the global and calling-code SMS budgets): an exact log of 100,000 sends
 * an hour would be counted, under the one lock every send in the cluster waits for, on every send.
 * The sum takes every sub-window that ends after {@code now − window}, i.e. starts after
 * {@code now − window − subWindow}: an act up to one sub-window older than the window may still
 * count. Conservative on purpose: such a limit may refuse up to one sub-window early (and its
 * retry-after may be up to one sub-window late), but it never lets more than {@code max} through in
 * any period of length {@code window}; for an abuse budget a minute's extra refusal costs little,
 * and a boundary that lets a pumping burst through costs money. Limits whose buckets hold few acts
 * (one person, one number, one IP) stay exact logs: their count is already small, and there a
 * minute's difference is felt by the one person who waits. Same lock, same all-or-nothing
 * reservation, same order of refusal for both kinds; a bucket must be counted the same way by
 * every caller (each kind reads only its own table).
 *
 * <p>{@link #claim} is the cheaper "once per period" (one conditional UPDATE or a unique INSERT).
 * Portable SQL, so H2 and MySQL/MariaDB run the same statements.
 */
@Component
public class RateLimiter {

	/** Hits older than this are deleted by the clean-up job; no limit may use a longer window. */
	public static final Duration LONGEST_WINDOW = Duration.ofDays(1);

	/**
	 * Sub-window counts older than this are deleted by the clean-up job: the longest window plus its
	 * sub-window, the oldest start a check may still sum.
	 */
	public static final Duration LONGEST_SUB_WINDOWS_KEPT = LONGEST_WINDOW.plus(subWindowOf(LONGEST_WINDOW));

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
		List<String> missing = new ArrayList<>();
		for (int attempt = 0; attempt < 3; attempt++) {
			missing.clear();
			Optional<Reservation> decided = tx.execute(status -> {
				missing.addAll(lock(lockOrder));
				if (!missing.isEmpty()) {
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
				List<String> logged = lockOrder.stream().filter(bucket -> !byBucket.get(bucket).inSubWindows()).toList();
				if (!logged.isEmpty()) {
					insertHits(id, logged, now);
				}
				return Optional.of(Reservation.granted(id, countInSubWindows(byBucket.values(), seen, now)));
			});
			if (decided.isPresent()) {
				return decided.get();
			}
			// A bucket seen for the first time (a new address, a new account): create its lock row in
			// a transaction of its own (an INSERT that loses a race inside the locking one would hold a
			// shared lock that MariaDB can deadlock on), then lock again. Only the rows the lock did
			// not find: an INSERT of an existing one fails on the key.
			createLockRows(missing);
		}
		throw new IllegalStateException("could not lock the buckets " + lockOrder);
	}

	/**
	 * Gives back the slots of a granted reservation: the act turned out not to count. Its hits are
	 * deleted by the reservation's id; its sub-window slots are taken off the counts of the
	 * sub-windows it was counted in (never below zero). Call it once per reservation: a count does not
	 * know which acts it holds, so a second release would give back another act's slot.
	 */
	public void release(Reservation reservation) {
		if (reservation.granted()) {
			inOwnTransaction(() -> {
				giveBack(reservation);
				return null;
			});
		}
	}

	/**
	 * Gives back the slots of {@code reservation} and forgets every act counted in {@code forgotten}'s
	 * bucket, in one transaction (the right password: its attempt was no failure, and it clears its
	 * own delay). The bucket is counted in one table only, the one {@code forgotten} says (as every
	 * caller counts it), so only that one is touched. The bucket's lock row stays, so its next
	 * reservation need not create it again.
	 */
	public void releaseAndForget(Reservation reservation, Limit forgotten) {
		inOwnTransaction(() -> {
			if (reservation.granted()) {
				giveBack(reservation);
			}
			if (forgotten.inSubWindows()) {
				return jdbc.sql("DELETE FROM rate_limit_sub_window WHERE bucket = :b").param("b", forgotten.bucket()).update();
			}
			return deleteHitsOf(forgotten.bucket());
		});
	}

	/**
	 * Acts counted in {@code bucket} in the last {@code window}, as a limit of that window sees them
	 * (for a bucket counted in sub-windows: conservatively, see the class comment): for display, gates
	 * and tests, never as the limit itself. Either kind in one statement: a bucket is in one table only.
	 */
	public int count(String bucket, Duration window) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		return jdbc.sql("SELECT (SELECT COUNT(*) FROM rate_limit_hit WHERE bucket = :b AND hit_at > :since)"
				+ " + (SELECT COALESCE(SUM(hits), 0) FROM rate_limit_sub_window WHERE bucket = :b AND starts_at > :oldest)")
			.param("b", bucket)
			.param("since", Timestamp.from(now.minus(window)))
			.param("oldest", Timestamp.from(now.minus(window).minus(subWindowOf(window))))
			.query(Integer.class)
			.single();
	}

	/** Forgets every hit, sub-window count and claim of {@code bucket} (the right password clears its own delay). */
	public void reset(String bucket) {
		inOwnTransaction(() -> {
			deleteHitsOf(bucket);
			jdbc.sql("DELETE FROM rate_limit_sub_window WHERE bucket = :b").param("b", bucket).update();
			return jdbc.sql("DELETE FROM rate_limit_counter WHERE bucket = :b").param("b", bucket).update();
		});
	}

	/**
	 * Inside a transaction: deletes the hits of {@code bucket} one by one, each by its whole primary
	 * key, after reading their ids (a plain read, no lock). Not {@code DELETE … WHERE bucket = ?}:
	 * MariaDB plans that as a full scan while the table is small (the clean-up keeps it small), and a
	 * scanning DELETE waits on every row another transaction holds; two sign-ins giving back their
	 * slots at once then waited on each other's rows, a deadlock that failed both (found by the
	 * benchmark on MariaDB; {@code RateLimiterContract.whenFiftySignInsSucceedAtOnceThenGivingBackNeverDeadlocks}).
	 * A delete by the whole key locks exactly its row. A hit added after the read stays: an act that
	 * happened after the forgetting.
	 *
	 * @return the hits deleted
	 */
	private int deleteHitsOf(String bucket) {
		List<String> ids = jdbc.sql("SELECT id FROM rate_limit_hit WHERE bucket = :b").param("b", bucket).query(String.class).list();
		int deleted = 0;
		for (String id : ids) {
			deleted += jdbc.sql("DELETE FROM rate_limit_hit WHERE id = :id AND bucket = :b").param("id", id).param("b", bucket).update();
		}
		return deleted;
	}

	/** Inside a transaction: deletes the reservation's hits and takes its slots off their sub-window counts. */
	private void giveBack(Reservation reservation) {
		jdbc.sql("DELETE FROM rate_limit_hit WHERE id = :id").param("id", reservation.id()).update();
		// Sub-windows in start order and, in each statement, buckets in key order: the same order as
		// the reservations' increments, so a give-back and a reservation can not deadlock on the rows.
		Map<Instant, List<String>> byStart = new TreeMap<>();
		for (SubWindowSlot slot : reservation.subWindowSlots()) {
			byStart.computeIfAbsent(slot.startsAt(), start -> new ArrayList<>()).add(slot.bucket());
		}
		byStart.forEach((start, buckets) -> jdbc
			.sql("UPDATE rate_limit_sub_window SET hits = hits - 1 WHERE starts_at = :s AND bucket IN (:b) AND hits > 0")
			.param("s", Timestamp.from(start))
			.param("b", buckets)
			.update());
	}

	/**
	 * Claims {@code bucket} for {@code period}: granted for the first caller, then refused (with the
	 * time left) for every caller on every node until {@code period} has passed since that claim.
	 * The period slides, so "at most one per hour" can not become two around a window boundary.
	 * One conditional UPDATE, or an INSERT that only one node can win. A claim is one row already,
	 * whatever its period: the two ways of counting a {@link Limit} do not apply to it.
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
	 * Locks the lock rows of {@code buckets} (given sorted by name) and returns those that have none
	 * yet (empty: every one is locked, the usual case). One
	 * statement for all of them, and every reservation of more than one bucket takes this same path,
	 * so all of them lock in one order and two sharing buckets can not deadlock: InnoDB reads an
	 * {@code IN} list on the primary key as ranges in key order ({@code utf8mb4_bin}: the name order),
	 * H2 probes its primary-key index per value of the list (plan checked), sorted by name either
	 * way. Proved by {@code RateLimiterContract} on H2 and on both MariaDB nodes at once.
	 */
	private List<String> lock(List<String> buckets) {
		List<String> locked = buckets.size() == 1
				? jdbc.sql("SELECT bucket FROM rate_limit_counter WHERE bucket = :b FOR UPDATE")
					.param("b", buckets.get(0))
					.query(String.class)
					.list()
				: jdbc.sql("SELECT bucket FROM rate_limit_counter WHERE bucket IN (:b) ORDER BY bucket FOR UPDATE")
					.param("b", buckets)
					.query(String.class)
					.list();
		if (locked.size() == buckets.size()) {
			return List.of();
		}
		return buckets.stream().filter(bucket -> !locked.contains(bucket)).toList();
	}

	/**
	 * The hits of each of {@code limits} in its window, with the newest, in one statement: a grouped
	 * count per distinct window, and the sub-window rows (at most ~61 per bucket) of limits counted in
	 * sub-windows, joined by {@code UNION ALL} when there is more than one part. Called with the
	 * buckets locked, so no hit of theirs can be added meanwhile.
	 */
	private Map<String, Seen> seen(Collection<Limit> limits, Instant now) {
		Map<Duration, List<String>> byWindow = new LinkedHashMap<>();
		Map<Duration, List<String>> subWindowed = new LinkedHashMap<>();
		for (Limit limit : limits) {
			(limit.inSubWindows() ? subWindowed : byWindow).computeIfAbsent(limit.window(), window -> new ArrayList<>())
				.add(limit.bucket());
		}
		if (!subWindowed.isEmpty() || byWindow.size() > 1) {
			return seenInOneStatement(byWindow, subWindowed, now);
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

	/**
	 * {@link #seen} when some limits are counted in sub-windows, or the exact ones have more than one
	 * window (a password step: 15 minutes and an hour): one statement, each part on its
	 * table's index ({@code ix_rate_limit_hit_bucket_time}; the primary key of
	 * {@code rate_limit_sub_window}). A row of kind 0 is a bucket's count and newest hit, of kind 1
	 * one sub-window's start and count.
	 */
	private Map<String, Seen> seenInOneStatement(Map<Duration, List<String>> byWindow, Map<Duration, List<String>> subWindowed,
			Instant now) {
		List<String> parts = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		byWindow.forEach((window, buckets) -> {
			int i = parts.size();
			parts.add("SELECT 0, bucket, COUNT(*), MAX(hit_at) FROM rate_limit_hit WHERE bucket IN (:b" + i + ") AND hit_at > :s" + i
					+ " GROUP BY bucket");
			params.put("b" + i, buckets);
			params.put("s" + i, Timestamp.from(now.minus(window)));
		});
		subWindowed.forEach((window, buckets) -> {
			int i = parts.size();
			parts.add("SELECT 1, bucket, hits, starts_at FROM rate_limit_sub_window WHERE bucket IN (:b" + i + ") AND starts_at > :s" + i);
			params.put("b" + i, buckets);
			params.put("s" + i, Timestamp.from(now.minus(window).minus(subWindowOf(window))));
		});
		Map<String, Seen> seen = new HashMap<>();
		Map<String, List<SubWindow>> rows = new HashMap<>();
		jdbc.sql(String.join(" UNION ALL ", parts)).params(params).query(rs -> {
			if (rs.getInt(1) == 0) {
				seen.put(rs.getString(2), Seen.of(rs.getInt(3), rs.getTimestamp(4)));
			}
			else {
				rows.computeIfAbsent(rs.getString(2), bucket -> new ArrayList<>())
					.add(new SubWindow(rs.getTimestamp(4).toInstant(), rs.getInt(3)));
			}
		});
		rows.forEach((bucket, subWindows) -> {
			subWindows.sort(Comparator.comparing(SubWindow::startsAt));
			seen.put(bucket, new Seen(subWindows.stream().mapToInt(SubWindow::hits).sum(), null, subWindows));
		});
		return seen;
	}

	/**
	 * Counts this act in the current sub-window of each limit counted in sub-windows: one UPDATE per
	 * distinct sub-window start for the rows that exist, one INSERT for those that do not. Which exist
	 * is known from {@code seen} (the current sub-window is inside what was summed), and with the
	 * buckets locked no other reservation can add one meanwhile. Portable: no MERGE, no
	 * {@code ON DUPLICATE KEY}.
	 */
	private List<SubWindowSlot> countInSubWindows(Collection<Limit> limits, Map<String, Seen> seen, Instant now) {
		List<SubWindowSlot> slots = new ArrayList<>();
		Map<Instant, List<String>> existing = new TreeMap<>();
		List<SubWindowSlot> missing = new ArrayList<>();
		for (Limit limit : limits) {
			if (!limit.inSubWindows()) {
				continue;
			}
			SubWindowSlot slot = new SubWindowSlot(limit.bucket(), limit.subWindowStart(now));
			slots.add(slot);
			List<SubWindow> rows = seen.getOrDefault(limit.bucket(), Seen.NONE).subWindows();
			if (rows.stream().anyMatch(row -> row.startsAt().equals(slot.startsAt()))) {
				existing.computeIfAbsent(slot.startsAt(), start -> new ArrayList<>()).add(slot.bucket());
			}
			else {
				missing.add(slot);
			}
		}
		existing.forEach((start, buckets) -> {
			buckets.sort(Comparator.naturalOrder());
			jdbc.sql("UPDATE rate_limit_sub_window SET hits = hits + 1 WHERE starts_at = :s AND bucket IN (:b)")
				.param("s", Timestamp.from(start))
				.param("b", buckets)
				.update();
		});
		if (!missing.isEmpty()) {
			StringBuilder sql = new StringBuilder("INSERT INTO rate_limit_sub_window (bucket, starts_at, hits) VALUES ");
			for (int i = 0; i < missing.size(); i++) {
				sql.append(i == 0 ? "" : ", ").append("(:b").append(i).append(", :s").append(i).append(", 1)");
			}
			JdbcClient.StatementSpec insert = jdbc.sql(sql.toString());
			for (int i = 0; i < missing.size(); i++) {
				insert = insert.param("b" + i, missing.get(i).bucket()).param("s" + i, Timestamp.from(missing.get(i).startsAt()));
			}
			insert.update();
		}
		return slots;
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

	/**
	 * Creates the lock rows of {@code buckets}: all in one INSERT, in one transaction of its own (a
	 * sign-in from a new address needs two, an SMS send one or two). If another request created one of
	 * them meanwhile, or was inserting some of them at once, that INSERT fails as a whole, and each
	 * row is then created alone.
	 */
	private void createLockRows(List<String> buckets) {
		if (buckets.size() > 1) {
			Timestamp created = Timestamp.from(clock.instant());
			StringBuilder sql = new StringBuilder("INSERT INTO rate_limit_counter (bucket, window_start, hits, last_hit) VALUES ");
			for (int i = 0; i < buckets.size(); i++) {
				sql.append(i == 0 ? "" : ", ").append("(:b").append(i).append(", :at, 0, :at)");
			}
			try {
				inOwnTransaction(() -> {
					JdbcClient.StatementSpec insert = jdbc.sql(sql.toString()).param("at", created);
					for (int i = 0; i < buckets.size(); i++) {
						insert = insert.param("b" + i, buckets.get(i));
					}
					return insert.update();
				});
				return;
			}
			catch (DuplicateKeyException | PessimisticLockingFailureException raced) {
				// Another request created one of them first, or was creating some of the same rows at
				// once (InnoDB can pick one of two overlapping multi-row INSERTs as a deadlock's loser,
				// RoundRobinClusterTests): nothing of this one was kept; the rows one by one, each in
				// its own transaction (createLockRow).
			}
		}
		buckets.forEach(this::createLockRow);
	}

	/** A one-row INSERT that InnoDB picks as a deadlock's loser is tried again, this many times in all. */
	private static final int LOCK_ROW_ATTEMPTS = 3;

	private void createLockRow(String bucket) {
		// Its time only tells the clean-up job when the row may go (a day later).
		Timestamp created = Timestamp.from(clock.instant());
		for (int attempt = 1;; attempt++) {
			try {
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
				return;
			}
			catch (PessimisticLockingFailureException deadlock) {
				// InnoDB can pick even a one-row INSERT as a deadlock's loser when several requests insert
				// the same new row at once (its duplicate-key check takes a shared lock;
				// RoundRobinClusterTests): rolled back whole, so it is tried again, as InnoDB advises.
				if (attempt == LOCK_ROW_ATTEMPTS) {
					throw deadlock;
				}
			}
		}
	}

	/**
	 * Hits of one bucket in its window and the newest of them (null when none, and for a bucket
	 * counted in sub-windows); for such a bucket also the sub-windows summed, oldest first.
	 */
	private record Seen(int count, Instant newest, List<SubWindow> subWindows) {

		static final Seen NONE = new Seen(0, null, List.of());

		static Seen of(int count, Timestamp newest) {
			return new Seen(count, newest == null ? null : newest.toInstant(), List.of());
		}

	}

	/** One row of {@code rate_limit_sub_window} as read by a check. */
	private record SubWindow(Instant startsAt, int hits) {
	}

	/** When {@code limit} frees a slot, or empty when it has one now. Called with the bucket locked. */
	private Optional<Instant> refusal(Limit limit, Seen seen, Instant now) {
		if (limit.inSubWindows()) {
			return subWindowRefusal(limit, seen, now);
		}
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
	 * A limit counted in sub-windows frees a slot when enough of the oldest sub-windows summed have
	 * left what a check sums (a sub-window starting at {@code s} is summed until
	 * {@code s + window + subWindow}): from the rows already read, no other query. At most one
	 * sub-window later than an exact log would say, never earlier.
	 */
	private static Optional<Instant> subWindowRefusal(Limit limit, Seen seen, Instant now) {
		int left = seen.count();
		if (left < limit.max()) {
			return Optional.empty();
		}
		for (SubWindow row : seen.subWindows()) {
			left -= row.hits();
			if (left < limit.max()) {
				return Optional.of(row.startsAt().plus(limit.window()).plus(limit.subWindow()));
			}
		}
		// Only with a max of 0, never free: a whole window and its sub-window.
		return Optional.of(now.plus(limit.window()).plus(limit.subWindow()));
	}

	/** A sixtieth of {@code window}, rounded up to whole seconds, at least one second. */
	static Duration subWindowOf(Duration window) {
		return Duration.ofSeconds(Math.max(1, (window.toMillis() + 59_999) / 60_000));
	}

	/**
	 * At most {@code max} acts in any period of length {@code window} in {@code bucket}; optionally
	 * a wait after the last act that grows with the count (a progressive delay), or, instead, counted
	 * in sub-windows ({@link #countedInSubWindows()}, see the class comment).
	 */
	public record Limit(String bucket, int max, Duration window, Spacing spacing, boolean inSubWindows) {

		public Limit {
			if (window.compareTo(LONGEST_WINDOW) > 0) {
				throw new IllegalArgumentException("windows longer than " + LONGEST_WINDOW + " are not kept");
			}
			if (inSubWindows && spacing != Spacing.NONE) {
				// The spacing needs the newest act's time, which a sub-window count does not keep.
				throw new IllegalArgumentException("a limit counted in sub-windows has no spacing");
			}
		}

		public Limit(String bucket, int max, Duration window, Spacing spacing) {
			this(bucket, max, window, spacing, false);
		}

		public static Limit of(String bucket, int max, Duration window) {
			return new Limit(bucket, max, window, Spacing.NONE, false);
		}

		public Limit withSpacing(Spacing spacing) {
			return new Limit(bucket, max, window, spacing, inSubWindows);
		}

		/**
		 * This limit counted in sub-windows of {@link #subWindow()}: a check costs at most ~61 rows
		 * however many acts its window holds, and may refuse up to one sub-window early (see the
		 * class comment). For budgets whose bucket grows with the deployment's volume.
		 */
		public Limit countedInSubWindows() {
			return new Limit(bucket, max, window, spacing, true);
		}

		/** The sub-window of a limit counted in sub-windows: a sixtieth of the window, at least a second. */
		public Duration subWindow() {
			return subWindowOf(window);
		}

		/** The start of the sub-window holding {@code at}: sub-windows are aligned to the epoch. */
		Instant subWindowStart(Instant at) {
			long seconds = subWindow().getSeconds();
			return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
		}

	}

	/** How long the next act must wait after the newest one, given how many are in the window. */
	@FunctionalInterface
	public interface Spacing {

		/** No wait: the default. */
		Spacing NONE = count -> Duration.ZERO;

		Duration after(int countInWindow);

	}

	/** A sub-window a reservation was counted in: what {@link #release} takes the slot back from. */
	public record SubWindowSlot(String bucket, Instant startsAt) {
	}

	/**
	 * The answer of {@link #reserve}: a slot (to release if the act does not count), or why not and for
	 * how long. A granted reservation's hits carry its id; {@code subWindowSlots} says which
	 * sub-window counts it was added to.
	 */
	public record Reservation(String id, Limit refusedBy, Duration retryAfter, List<SubWindowSlot> subWindowSlots) {

		public Reservation {
			subWindowSlots = List.copyOf(subWindowSlots);
		}

		static Reservation granted(String id, List<SubWindowSlot> subWindowSlots) {
			return new Reservation(id, null, Duration.ZERO, subWindowSlots);
		}

		static Reservation refused(Limit limit, Duration retryAfter) {
			return new Reservation(null, limit, retryAfter.isNegative() ? Duration.ZERO : retryAfter, List.of());
		}

		public boolean granted() {
			return id != null;
		}

	}

	/** The answer of {@link #claim}: whether this caller has it, and otherwise how long until it is free. */
	public record Claim(boolean granted, Duration retryAfter) {
	}

}
