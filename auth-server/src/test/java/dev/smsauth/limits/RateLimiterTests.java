package dev.smsauth.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.smsauth.limits.RateLimiter.Limit;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared limits on the embedded H2: a slot is taken atomically before the act, a window
 * slides (no doubling around a fixed boundary), several buckets are all or nothing, and a claim
 * has one winner. {@code mysql.MysqlRateLimiterTests} runs the same checks on MariaDB.
 */
@AuthServerTest
class RateLimiterTests {

	@Autowired
	RateLimiter limiter;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void setUp() {
		clock.reset();
	}

	@Test
	void whenFiftyReserveAtOnceThenExactlyTheLimitIsGranted() throws Exception {
		RateLimiterContract.whenFiftyReserveAtOnceThenExactlyTheLimitIsGranted(limiter);
	}

	@Test
	void whenFiftyReserveAcrossSeveralBucketsThenNoBucketOvershoots() throws Exception {
		RateLimiterContract.whenFiftyReserveAcrossSeveralBucketsThenNoBucketOvershoots(limiter);
	}

	@Test
	void whenFiftyReserveOverlappingBucketsInAnyOrderThenNoneDeadlocksOrOvershoots() throws Exception {
		RateLimiterContract.whenFiftyReserveOverlappingBucketsInAnyOrderThenNoneDeadlocksOrOvershoots(limiter);
	}

	@Test
	void whenFiftySignInsSucceedAtOnceThenGivingBackNeverDeadlocks() throws Exception {
		RateLimiterContract.whenFiftySignInsSucceedAtOnceThenGivingBackNeverDeadlocks(limiter);
	}

	@Test
	void whenTheWindowSlidesThenNoBoundaryLetsTwiceTheLimitThrough() {
		String bucket = "test:sliding:" + System.nanoTime();
		Limit threePerMinute = Limit.of(bucket, 3, Duration.ofMinutes(1));
		clock.advance(Duration.ofSeconds(50));
		for (int i = 0; i < 3; i++) {
			assertThat(limiter.reserve(threePerMinute).granted()).isTrue();
		}
		// A fixed one-minute window would start afresh here, 10 seconds later.
		clock.advance(Duration.ofSeconds(10));
		RateLimiter.Reservation refused = limiter.reserve(threePerMinute);
		assertThat(refused.granted()).isFalse();
		assertThat(refused.refusedBy().bucket()).isEqualTo(bucket);
		assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(50));
		clock.advance(Duration.ofSeconds(49));
		assertThat(limiter.reserve(threePerMinute).granted()).isFalse();
		clock.advance(Duration.ofSeconds(1));
		assertThat(limiter.reserve(threePerMinute).granted()).isTrue();
		assertThat(limiter.count(bucket, Duration.ofMinutes(1))).isEqualTo(1);
	}

	@Test
	void whenAReservationIsReleasedThenItsSlotIsFreeAgain() {
		String bucket = "test:release:" + System.nanoTime();
		Limit one = Limit.of(bucket, 1, Duration.ofHours(1));
		RateLimiter.Reservation first = limiter.reserve(one);
		assertThat(limiter.reserve(one).granted()).isFalse();
		limiter.release(first);
		assertThat(limiter.reserve(one).granted()).isTrue();
	}

	@Test
	void whenReleasedAndForgottenThenTheSlotAndTheBucketsHitsAreGoneAndItsLockRowStays() {
		String bucket = "test:forget:" + System.nanoTime();
		String other = "test:forget-other:" + System.nanoTime();
		Limit spaced = Limit.of(bucket, 10, Duration.ofHours(1)).withSpacing(count -> count >= 1 ? Duration.ofMinutes(5) : Duration.ZERO);
		assertThat(limiter.reserve(spaced).granted()).isTrue();
		assertThat(limiter.reserve(spaced).granted()).as("spaced").isFalse();
		clock.advance(Duration.ofMinutes(5));
		RateLimiter.Reservation right = limiter.reserve(spaced, Limit.of(other, 10, Duration.ofHours(1)));
		assertThat(right.granted()).isTrue();

		limiter.releaseAndForget(right, spaced);

		assertThat(limiter.count(bucket, Duration.ofHours(1))).isZero();
		assertThat(limiter.count(other, Duration.ofHours(1))).isZero();
		assertThat(limiter.reserve(spaced).granted()).as("the delay is cleared").isTrue();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM rate_limit_counter WHERE bucket = :b").param("b", bucket)
			.query(Integer.class).single()).as("lock row kept").isEqualTo(1);
	}

	@Test
	void whenOneOfSeveralBucketsIsFullThenNoneIsCounted() {
		String full = "test:full:" + System.nanoTime();
		String free = "test:free:" + System.nanoTime();
		assertThat(limiter.reserve(Limit.of(full, 1, Duration.ofHours(1))).granted()).isTrue();
		RateLimiter.Reservation refused = limiter.reserve(Limit.of(free, 10, Duration.ofHours(1)),
				Limit.of(full, 1, Duration.ofHours(1)));
		assertThat(refused.granted()).isFalse();
		assertThat(refused.refusedBy().bucket()).isEqualTo(full);
		assertThat(limiter.count(free, Duration.ofHours(1))).isZero();
	}

	@Test
	void whenActsComeFasterThanTheSpacingThenTheNextWaits() {
		String bucket = "test:spacing:" + System.nanoTime();
		Limit spaced = Limit.of(bucket, 10, Duration.ofHours(1))
			.withSpacing(count -> count >= 2 ? Duration.ofSeconds(count) : Duration.ZERO);
		assertThat(limiter.reserve(spaced).granted()).isTrue();
		assertThat(limiter.reserve(spaced).granted()).isTrue();
		RateLimiter.Reservation early = limiter.reserve(spaced);
		assertThat(early.granted()).isFalse();
		assertThat(early.retryAfter()).isEqualTo(Duration.ofSeconds(2));
		clock.advance(Duration.ofSeconds(2));
		assertThat(limiter.reserve(spaced).granted()).isTrue();
	}

	@Test
	void whenABucketIsClaimedThenOnlyTheFirstOfManyThreadsWinsUntilThePeriodHasPassed() throws Exception {
		String bucket = "test:claim:" + System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(50);
		CountDownLatch start = new CountDownLatch(1);
		List<Callable<Boolean>> claims = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			claims.add(() -> {
				start.await();
				return limiter.claim(bucket, Duration.ofHours(1)).granted();
			});
		}
		List<Future<Boolean>> answers = new ArrayList<>();
		for (Callable<Boolean> claim : claims) {
			answers.add(pool.submit(claim));
		}
		start.countDown();
		int won = 0;
		for (Future<Boolean> answer : answers) {
			won += answer.get() ? 1 : 0;
		}
		pool.shutdown();
		assertThat(won).isEqualTo(1);

		// A sliding period: 59 minutes later (across any fixed window) still taken, after 60 free.
		clock.advance(Duration.ofMinutes(59));
		RateLimiter.Claim taken = limiter.claim(bucket, Duration.ofHours(1));
		assertThat(taken.granted()).isFalse();
		assertThat(taken.retryAfter()).isEqualTo(Duration.ofMinutes(1));
		clock.advance(Duration.ofMinutes(1));
		assertThat(limiter.claim(bucket, Duration.ofHours(1)).granted()).isTrue();
		assertThat(limiter.claim(bucket, Duration.ofHours(1)).granted()).isFalse();
		limiter.unclaim(bucket);
		assertThat(limiter.claim(bucket, Duration.ofHours(1)).granted()).isTrue();
	}

}
