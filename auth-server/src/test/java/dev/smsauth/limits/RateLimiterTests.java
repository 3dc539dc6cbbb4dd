package dev.smsauth.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared fixed-window counter: rollover, concurrency and a clock that steps back. */
@AuthServerTest
class RateLimiterTests {

	@Autowired
	RateLimiter limiter;

	@Autowired
	MutableClock clock;

	@BeforeEach
	void setUp() {
		clock.reset();
	}

	@Test
	void whenHitsCrossAWindowThenCountStartsAgain() {
		String bucket = "test:rollover:" + System.nanoTime();
		limiter.hit(bucket, Duration.ofMinutes(1));
		assertThat(limiter.hit(bucket, Duration.ofMinutes(1)).hits()).isEqualTo(2);
		clock.advance(Duration.ofMinutes(1));
		assertThat(limiter.hit(bucket, Duration.ofMinutes(1)).hits()).isEqualTo(1);
		assertThat(limiter.peek(bucket, Duration.ofMinutes(1)).hits()).isEqualTo(1);
	}

	@Test
	void whenManyThreadsHitOneBucketThenNoHitIsLost() throws Exception {
		String bucket = "test:concurrent:" + System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Callable<RateLimiter.Window>> hits = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			hits.add(() -> limiter.hit(bucket, Duration.ofHours(1)));
		}
		for (Future<RateLimiter.Window> hit : pool.invokeAll(hits)) {
			hit.get();
		}
		pool.shutdown();
		assertThat(limiter.peek(bucket, Duration.ofHours(1)).hits()).isEqualTo(200);
	}

	@Test
	void whenAnotherNodeWithAClockAheadOpenedTheWindowThenHitsStillCount() {
		String bucket = "test:skew:" + System.nanoTime();
		clock.advance(Duration.ofMinutes(2));
		limiter.hit(bucket, Duration.ofMinutes(1));
		clock.reset();
		assertThat(limiter.hit(bucket, Duration.ofMinutes(1)).hits()).isEqualTo(2);
	}

	@Test
	void whenABucketIsClaimedThenOnlyTheFirstOfManyThreadsWinsUntilThePeriodHasPassed() throws Exception {
		String bucket = "test:claim:" + System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Callable<Boolean>> claims = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			claims.add(() -> limiter.claim(bucket, Duration.ofHours(1)));
		}
		int won = 0;
		for (Future<Boolean> claim : pool.invokeAll(claims)) {
			won += claim.get() ? 1 : 0;
		}
		pool.shutdown();
		assertThat(won).isEqualTo(1);

		// A sliding period: 59 minutes later (across any fixed window) still taken, after 60 free.
		clock.advance(Duration.ofMinutes(59));
		assertThat(limiter.claim(bucket, Duration.ofHours(1))).isFalse();
		clock.advance(Duration.ofMinutes(1));
		assertThat(limiter.claim(bucket, Duration.ofHours(1))).isTrue();
		assertThat(limiter.claim(bucket, Duration.ofHours(1))).isFalse();
	}

}
