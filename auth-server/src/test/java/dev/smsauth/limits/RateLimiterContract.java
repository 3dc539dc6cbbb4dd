package dev.smsauth.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.smsauth.limits.RateLimiter.Limit;

import static org.assertj.core.api.Assertions.assertThat;

/** Concurrency checks every database must pass; run on H2 and on MariaDB. */
public final class RateLimiterContract {

	private RateLimiterContract() {
	}

	/** 50 threads released together on one bucket with room for 7: exactly 7 slots, exactly 7 rows. */
	public static void whenFiftyReserveAtOnceThenExactlyTheLimitIsGranted(RateLimiter limiter) throws Exception {
		String bucket = "test:fifty:" + System.nanoTime();
		List<Boolean> answers = fireAtOnce(50, () -> limiter.reserve(Limit.of(bucket, 7, Duration.ofHours(1))).granted());
		assertThat(answers.stream().filter(Boolean::booleanValue).count()).isEqualTo(7);
		assertThat(limiter.count(bucket, Duration.ofHours(1))).isEqualTo(7);
	}

	/**
	 * 50 threads, each reserving its own bucket and two shared ones (in varying order, so a lock
	 * order bug would deadlock): the tighter shared bucket decides, and no bucket counts more than
	 * was granted.
	 */
	public static void whenFiftyReserveAcrossSeveralBucketsThenNoBucketOvershoots(RateLimiter limiter) throws Exception {
		String prefix = "test:multi:" + System.nanoTime() + ":";
		List<Boolean> answers = new ArrayList<>();
		int[] next = { 0 };
		answers.addAll(fireAtOnce(50, () -> {
			int n;
			synchronized (next) {
				n = next[0]++;
			}
			Limit own = Limit.of(prefix + "own:" + n, 1, Duration.ofHours(1));
			Limit wide = Limit.of(prefix + "a-wide", 30, Duration.ofHours(1));
			Limit tight = Limit.of(prefix + "z-tight", 12, Duration.ofHours(1));
			return (n % 2 == 0 ? limiter.reserve(own, wide, tight) : limiter.reserve(tight, own, wide)).granted();
		}));
		assertThat(answers.stream().filter(Boolean::booleanValue).count()).isEqualTo(12);
		assertThat(limiter.count(prefix + "z-tight", Duration.ofHours(1))).isEqualTo(12);
		assertThat(limiter.count(prefix + "a-wide", Duration.ofHours(1))).isEqualTo(12);
	}

	/**
	 * 50 threads, each reserving three of five shared buckets, picked and listed in its own order, plus
	 * a bucket of its own (so lock rows are created while others lock): every reservation locks its
	 * buckets in one statement, and that order must be the same for all (else a deadlock, which would
	 * surface as an exception here); no bucket counts more than its limit or than was granted. With
	 * several nodes' limiters, the threads take turns among them.
	 */
	public static void whenFiftyReserveOverlappingBucketsInAnyOrderThenNoneDeadlocksOrOvershoots(RateLimiter... nodes)
			throws Exception {
		String prefix = "test:overlap:" + System.nanoTime() + ":";
		List<String> shared = List.of(prefix + "e", prefix + "B", prefix + "c:1", prefix + "a", prefix + "d|x");
		int limit = 20;
		java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> granted = new java.util.concurrent.ConcurrentHashMap<>();
		int[] next = { 0 };
		fireAtOnce(50, () -> {
			int n;
			synchronized (next) {
				n = next[0]++;
			}
			List<String> mine = new ArrayList<>(shared);
			java.util.Collections.shuffle(mine, new java.util.Random(n));
			List<Limit> limits = new ArrayList<>();
			for (String bucket : mine.subList(0, 3)) {
				limits.add(Limit.of(bucket, limit, Duration.ofHours(1)));
			}
			limits.add(n % 2, Limit.of(prefix + "own:" + n, 1, Duration.ofMinutes(15)));
			if (nodes[n % nodes.length].reserve(limits.toArray(Limit[]::new)).granted()) {
				limits.forEach(l -> granted.computeIfAbsent(l.bucket(), b -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet());
			}
			return null;
		});
		assertThat(granted).isNotEmpty();
		for (String bucket : shared) {
			int counted = nodes[0].count(bucket, Duration.ofHours(1));
			assertThat(counted).as(bucket).isLessThanOrEqualTo(limit)
				.isEqualTo(granted.getOrDefault(bucket, new java.util.concurrent.atomic.AtomicInteger()).get());
		}
	}

	/**
	 * Fifty successful sign-ins at once, ten times each: every one reserves its account-and-IP pair,
	 * the shared IP and its account, then gives its slots back and forgets its pair's failures, as
	 * {@code login.SignInThrottle} does after the right password. On MariaDB a small hit table is
	 * read by a full scan, and two give-backs that deleted by bucket locked each other's rows while
	 * scanning: a deadlock, which the sign-in answered with 503. None may fail, and nothing stays
	 * counted.
	 */
	public static void whenFiftySignInsSucceedAtOnceThenGivingBackNeverDeadlocks(RateLimiter... nodes) throws Exception {
		String prefix = "test:forget:" + System.nanoTime() + ":";
		String sharedIp = prefix + "ip";
		int[] next = { 0 };
		List<Integer> done = fireAtOnce(50, () -> {
			int n;
			synchronized (next) {
				n = next[0]++;
			}
			RateLimiter node = nodes[n % nodes.length];
			String pair = prefix + "pair:" + n;
			for (int i = 0; i < 10; i++) {
				RateLimiter.Reservation reservation = node.reserve(Limit.of(pair, 1000, Duration.ofMinutes(15)),
						Limit.of(sharedIp, 100_000, Duration.ofMinutes(15)), Limit.of(prefix + "acct:" + n, 1000, Duration.ofHours(1)));
				assertThat(reservation.granted()).isTrue();
				if (i % 3 == 2) {
					node.reset(pair);
					node.release(reservation);
				}
				else {
					node.releaseAndForget(reservation, Limit.of(pair, 1000, Duration.ofMinutes(15)));
				}
			}
			return n;
		});
		assertThat(done).hasSize(50);
		assertThat(nodes[0].count(sharedIp, Duration.ofMinutes(15))).isZero();
		for (int n = 0; n < 50; n++) {
			assertThat(nodes[0].count(prefix + "pair:" + n, Duration.ofMinutes(15))).isZero();
			assertThat(nodes[0].count(prefix + "acct:" + n, Duration.ofHours(1))).isZero();
		}
	}

	/** Runs {@code task} on {@code threads} threads that all start at the same instant. */
	public static <T> List<T> fireAtOnce(int threads, java.util.concurrent.Callable<T> task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch ready = new CountDownLatch(threads);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				futures.add(pool.submit(() -> {
					ready.countDown();
					go.await();
					return task.call();
				}));
			}
			ready.await();
			go.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
