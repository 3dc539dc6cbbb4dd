package dev.smsauth.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import dev.smsauth.limits.RateLimiter.Limit;
import dev.smsauth.limits.RateLimiter.Reservation;
import dev.smsauth.support.MutableClock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Limits counted in sub-windows ({@link Limit#countedInSubWindows()}, issue 15) on each database the
 * product runs on: atomic under fifty parallel reservations, all or nothing with exact limits, a
 * release gives back the slot it took, conservative at the window's end (never more than the limit,
 * at most one sub-window late), and a check that reads sub-windows, not acts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SubWindowLimitContract {

	protected static final Duration HOUR = Duration.ofHours(1);

	protected final MutableClock clock = new MutableClock();

	protected RateLimiter limiter;

	protected JdbcClient jdbc;

	/** A database with no tables yet. */
	protected abstract DataSource emptyDatabase();

	/** {@code h2} or {@code mysql}. */
	protected abstract String dialect();

	@BeforeAll
	void migrate() {
		DataSource dataSource = emptyDatabase();
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/" + dialect()).load().migrate();
		jdbc = JdbcClient.create(dataSource);
		limiter = new RateLimiter(jdbc, clock, new DataSourceTransactionManager(dataSource));
	}

	@BeforeEach
	void realTime() {
		clock.reset();
	}

	/**
	 * The switch-over (V23): the global and calling-code SMS budgets were exact logs before; their
	 * sends of the last hour must still count after the upgrade, or an upgrade would hand out a fresh
	 * hour's budget. Their log rows move into minutes; other buckets stay in the log.
	 */
	@Test
	void whenTheBudgetsWereLoggedBeforeV23ThenTheUpgradeKeepsCountingThem() {
		DataSource before = emptyDatabase();
		Flyway.configure().dataSource(before).locations("classpath:db/migration/" + dialect()).target("22").load().migrate();
		JdbcClient old = JdbcClient.create(before);
		Instant now = clock.instant();
		Instant minuteAgo = now.minusSeconds(61);
		java.util.Map<String, Instant> hits = new java.util.LinkedHashMap<>();
		hits.put("g1|sms:global", now.minusSeconds(600));
		hits.put("g2|sms:global", now.minusSeconds(600).plusMillis(1));
		hits.put("g3|sms:global", minuteAgo);
		hits.put("g3|sms:cc:44", minuteAgo);
		hits.put("g3|sms:number:+15550001", minuteAgo);
		hits.forEach((key, at) -> old.sql("INSERT INTO rate_limit_hit (id, bucket, hit_at) VALUES (:id, :b, :at)")
			.param("id", key.substring(0, key.indexOf('|')))
			.param("b", key.substring(key.indexOf('|') + 1))
			.param("at", java.sql.Timestamp.from(at))
			.update());

		Flyway.configure().dataSource(before).locations("classpath:db/migration/" + dialect()).load().migrate();
		RateLimiter upgraded = new RateLimiter(old, clock, new DataSourceTransactionManager(before));

		assertThat(upgraded.count("sms:global", HOUR)).isEqualTo(3);
		assertThat(upgraded.count("sms:cc:44", HOUR)).isEqualTo(1);
		assertThat(upgraded.count("sms:number:+15550001", HOUR)).isEqualTo(1);
		assertThat(old.sql("SELECT COUNT(*) FROM rate_limit_hit WHERE bucket = 'sms:global' OR bucket = 'sms:cc:44'")
			.query(Integer.class).single()).as("moved, not copied: a bucket lives in one table").isZero();
		assertThat(old.sql("SELECT COUNT(*) FROM rate_limit_sub_window WHERE bucket = 'sms:global'").query(Integer.class).single())
			.isBetween(2, 3);
		Limit global = Limit.of("sms:global", 4, HOUR).countedInSubWindows();
		assertThat(upgraded.reserve(global).granted()).as("the fourth of four").isTrue();
		assertThat(upgraded.reserve(global).granted()).as("the logged sends still count after the upgrade").isFalse();
	}

	@Test
	void whenFiftyReserveAtOnceThenExactlyTheLimitIsGrantedAndCountedInItsSubWindow() throws Exception {
		Limit twenty = hourly("fifty", 20);

		List<Boolean> answers = RateLimiterContract.fireAtOnce(50, () -> limiter.reserve(twenty).granted());

		assertThat(answers.stream().filter(Boolean::booleanValue).count()).isEqualTo(20);
		assertThat(counted(twenty)).isEqualTo(20);
		assertThat(subWindowRows(twenty)).as("one sub-window, not a row per act").isOne();
		assertThat(logged(twenty)).isZero();
		assertThat(limiter.count(twenty.bucket(), HOUR)).isEqualTo(20);
	}

	/**
	 * 50 threads, each reserving a bucket of its own (exact), a shared exact one and a shared one
	 * counted in sub-windows, listed in varying order: the tightest decides, nothing deadlocks, and
	 * both shared buckets count exactly what was granted.
	 */
	@Test
	void whenFiftyReserveMixedLimitsAtOnceThenTheTightestDecidesAndBothKindsCountTheSame() throws Exception {
		Limit wideExact = Limit.of(bucket("mixed-a-exact"), 30, HOUR);
		Limit tight = hourly("mixed-z-sub", 20);
		int[] next = { 0 };
		List<Boolean> answers = RateLimiterContract.fireAtOnce(50, () -> {
			int n;
			synchronized (next) {
				n = next[0]++;
			}
			Limit own = Limit.of(bucket("mixed-own-" + n), 1, HOUR);
			return (n % 2 == 0 ? limiter.reserve(own, wideExact, tight) : limiter.reserve(tight, own, wideExact)).granted();
		});

		assertThat(answers.stream().filter(Boolean::booleanValue).count()).isEqualTo(20);
		assertThat(counted(tight)).isEqualTo(20);
		assertThat(logged(wideExact)).isEqualTo(20);
	}

	@Test
	void whenOneLimitOfAMixedReservationRefusesThenNeitherTableIsWrittenAndTheFirstRefusingIsNamed() {
		Limit shared = hourly("shared", 100);
		Limit own = Limit.of(bucket("own"), 1, HOUR);
		assertThat(limiter.reserve(shared, own).granted()).isTrue();
		assertThat(counted(shared)).isOne();
		assertThat(logged(own)).isOne();

		Reservation refused = limiter.reserve(shared, own);

		assertThat(refused.granted()).isFalse();
		assertThat(refused.refusedBy()).isEqualTo(own);
		assertThat(counted(shared)).as("the sub-window count is untouched").isOne();
		assertThat(logged(own)).isOne();

		// The other way round: a full sub-window-counted limit keeps the exact one from being written.
		Limit full = hourly("full", 1);
		Limit roomy = Limit.of(bucket("roomy"), 10, HOUR);
		assertThat(limiter.reserve(full).granted()).isTrue();
		Reservation byFull = limiter.reserve(roomy, full);
		assertThat(byFull.refusedBy()).isEqualTo(full);
		assertThat(byFull.retryAfter()).isPositive();
		assertThat(logged(roomy)).isZero();
		assertThat(counted(full)).isOne();
		// Both refuse: the first in the caller's order is named, whichever way it is counted.
		assertThat(limiter.reserve(own, full).refusedBy()).isEqualTo(own);
		assertThat(limiter.reserve(full, own).refusedBy()).isEqualTo(full);
	}

	@Test
	void whenReleasedThenTheSlotIsTakenOffTheSubWindowItWasCountedInAndNeverBelowZero() {
		startOfAMinute();
		Limit two = hourly("release", 2);
		Limit exact = Limit.of(bucket("release-exact"), 10, HOUR);
		Reservation first = limiter.reserve(two, exact);
		Instant firstMinute = clock.instant();
		clock.advance(Duration.ofMinutes(2));
		assertThat(limiter.reserve(two).granted()).isTrue();
		assertThat(limiter.reserve(two).granted()).isFalse();

		limiter.release(first);

		assertThat(counted(two)).isOne();
		assertThat(countAt(two, firstMinute)).as("given back where it was counted").isZero();
		assertThat(logged(exact)).isZero();
		Reservation again = limiter.reserve(two);
		assertThat(again.granted()).isTrue();
		assertThat(limiter.reserve(two).granted()).isFalse();

		// A count already at zero (forgotten meanwhile) stays at zero.
		jdbc.sql("UPDATE rate_limit_sub_window SET hits = 0 WHERE bucket = :b").param("b", two.bucket()).update();
		limiter.release(again);
		assertThat(jdbc.sql("SELECT MIN(hits) FROM rate_limit_sub_window WHERE bucket = :b").param("b", two.bucket())
			.query(Integer.class).single()).isZero();
	}

	@Test
	void whenTheWindowAndOneSubWindowHavePassedThenTheSlotsAreFreeButNotBefore() {
		Limit three = hourly("window", 3);
		for (int i = 0; i < 3; i++) {
			assertThat(limiter.reserve(three).granted()).isTrue();
		}
		clock.advance(Duration.ofMinutes(59));
		assertThat(limiter.reserve(three).granted()).isFalse();
		// Conservative: exactly an hour later the acts' sub-window is still summed.
		clock.advance(Duration.ofMinutes(1));
		assertThat(limiter.reserve(three).granted()).as("an hour later").isFalse();

		clock.advance(three.subWindow());

		for (int i = 0; i < 3; i++) {
			assertThat(limiter.reserve(three).granted()).isTrue();
		}
		assertThat(limiter.reserve(three).granted()).isFalse();
		assertThat(limiter.count(three.bucket(), HOUR)).isEqualTo(3);
	}

	@Test
	void whenRefusedThenRetryAfterIsAtMostOneSubWindowLaterThanTheTrueAnswerAndNeverEarlier() {
		// 30 s into a minute: the acts' sub-window started 30 s before them.
		startOfAMinute();
		clock.advance(Duration.ofSeconds(30));
		Limit three = hourly("retry", 3);
		assertThat(limiter.reserve(three).granted()).isTrue();
		assertThat(limiter.reserve(three).granted()).isTrue();
		clock.advance(Duration.ofMinutes(10));
		assertThat(limiter.reserve(three).granted()).isTrue();
		clock.advance(Duration.ofMinutes(5));

		Reservation refused = limiter.reserve(three);

		// The true answer: the first two acts leave the window in 45 minutes, and one is enough.
		Duration truth = Duration.ofMinutes(45);
		assertThat(refused.retryAfter()).isGreaterThan(truth).isLessThanOrEqualTo(truth.plus(three.subWindow()));
		clock.advance(refused.retryAfter().minusSeconds(1));
		assertThat(limiter.reserve(three).granted()).as("a second early").isFalse();
		clock.advance(Duration.ofSeconds(1));
		assertThat(limiter.reserve(three).granted()).isTrue();
	}

	@Test
	void whenAThousandActsAreCountedThenTheirBucketHoldsOneRowPerSubWindowNotPerAct() {
		startOfAMinute();
		Limit inOneMinute = hourly("thousand-minute", 1_000_000);
		for (int i = 0; i < 1_000; i++) {
			assertThat(limiter.reserve(inOneMinute).granted()).isTrue();
			clock.advance(Duration.ofMillis(50));
		}
		assertThat(subWindowRows(inOneMinute)).isOne();
		assertThat(counted(inOneMinute)).isEqualTo(1_000);

		startOfAMinute();
		Limit overAnHour = hourly("thousand-hour", 1_000_000);
		for (int i = 0; i < 1_000; i++) {
			assertThat(limiter.reserve(overAnHour).granted()).isTrue();
			clock.advance(Duration.ofMillis(3_600));
		}
		// What a check sums: at most the window's sixty sub-windows and one more.
		assertThat(subWindowRows(overAnHour)).isEqualTo(60);
		assertThat(limiter.count(overAnHour.bucket(), HOUR)).isEqualTo(1_000);
		assertThat(logged(overAnHour)).isZero();
	}

	protected static String bucket(String name) {
		return "test:" + name + ":" + System.nanoTime();
	}

	protected static Limit hourly(String name, int max) {
		return Limit.of(bucket(name), max, HOUR).countedInSubWindows();
	}

	/** Moves the clock to the start of the next minute (an hourly limit's sub-window). */
	protected void startOfAMinute() {
		Instant now = clock.instant();
		clock.advance(Duration.between(now, Instant.ofEpochSecond((now.getEpochSecond() / 60 + 1) * 60)));
	}

	private int counted(Limit limit) {
		return jdbc.sql("SELECT COALESCE(SUM(hits), 0) FROM rate_limit_sub_window WHERE bucket = :b").param("b", limit.bucket())
			.query(Integer.class).single();
	}

	private int countAt(Limit limit, Instant start) {
		return jdbc.sql("SELECT hits FROM rate_limit_sub_window WHERE bucket = :b AND starts_at = :s").param("b", limit.bucket())
			.param("s", java.sql.Timestamp.from(start)).query(Integer.class).single();
	}

	private int subWindowRows(Limit limit) {
		return jdbc.sql("SELECT COUNT(*) FROM rate_limit_sub_window WHERE bucket = :b").param("b", limit.bucket())
			.query(Integer.class).single();
	}

	private int logged(Limit limit) {
		return jdbc.sql("SELECT COUNT(*) FROM rate_limit_hit WHERE bucket = :b").param("b", limit.bucket())
			.query(Integer.class).single();
	}

}
