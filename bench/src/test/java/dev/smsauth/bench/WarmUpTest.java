package dev.smsauth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

class WarmUpTest {

	/** Cumulative CPU readings whose slices have the JIT shares given (first reading: all zero). */
	private static Supplier<Map<String, Long>> slicesWithJitShares(AtomicInteger reads, int... jitPercents) {
		Iterator<Integer> shares = java.util.Arrays.stream(jitPercents).boxed().iterator();
		long[] jit = { 0 };
		long[] requests = { 0 };
		return () -> {
			if (reads.getAndIncrement() > 0) {
				int share = shares.hasNext() ? shares.next() : 0;
				jit[0] += share;
				requests[0] += 100 - share;
			}
			return Map.of("JIT", jit[0], "requests", requests[0]);
		};
	}

	@Test
	void goesOnWhileTheJitIsBusyAndStopsAtTheFirstQuietSlice() throws InterruptedException {
		AtomicInteger reads = new AtomicInteger();
		WarmUp warmUp = new WarmUp(Duration.ZERO, 3, Duration.ofSeconds(30), Duration.ofMillis(20), 1);
		warmUp.await(System.nanoTime(), slicesWithJitShares(reads, 30, 12, 5, 2, 40));
		// one reading before the slices, then 30 %, 12 %, 5 %, 2 %: warm after the fourth slice
		assertEquals(5, reads.get());
	}

	@Test
	void aQuietSliceBetweenBusyOnesIsNotWarmByDefault() throws InterruptedException {
		AtomicInteger reads = new AtomicInteger();
		WarmUp warmUp = new WarmUp(Duration.ZERO, 3, Duration.ofSeconds(30), Duration.ofMillis(20), WarmUp.QUIET_SLICES);
		warmUp.await(System.nanoTime(), slicesWithJitShares(reads, 30, 2, 8, 1, 3, 6, 2, 1, 0, 50));
		// 2 % alone, then 1 % and 3 % broken by 6 %: warm only after 2, 1, 0 in a row (the ninth slice)
		assertEquals(10, reads.get());
	}

	@Test
	void neverLongerThanTheMaximum() throws InterruptedException {
		AtomicInteger reads = new AtomicInteger();
		WarmUp warmUp = new WarmUp(Duration.ZERO, 3, Duration.ofMillis(200), Duration.ofMillis(20), WarmUp.QUIET_SLICES);
		int[] alwaysBusy = new int[1000];
		java.util.Arrays.fill(alwaysBusy, 50);
		Duration took = warmUp.await(System.nanoTime(), slicesWithJitShares(reads, alwaysBusy));
		assertTrue(took.toMillis() >= 200 && took.toMillis() < 5_000, "took " + took);
		assertTrue(reads.get() <= 12, "read " + reads.get() + " slices in 200 ms of 20 ms slices");
	}

	@Test
	void offMeansTheFixedWarmUpAndNoReading() throws InterruptedException {
		AtomicInteger reads = new AtomicInteger();
		Duration took = WarmUp.fixed(Duration.ofMillis(50)).await(System.nanoTime(), slicesWithJitShares(reads, 90));
		assertEquals(0, reads.get());
		assertTrue(took.toMillis() >= 50);
	}

	@Test
	void withoutThreadInformationItStopsAfterTheMinimum() throws InterruptedException {
		WarmUp warmUp = new WarmUp(Duration.ZERO, 3, Duration.ofSeconds(30), Duration.ofMillis(20), WarmUp.QUIET_SLICES);
		Duration took = warmUp.await(System.nanoTime(), Map::of);
		assertTrue(took.toMillis() < 5_000, "took " + took);
	}

	@Test
	void badSettingsAreRefusedByName() {
		assertThrows(Options.UsageException.class, () -> new WarmUp(Duration.ofSeconds(60), 3, Duration.ofSeconds(10)));
		assertThrows(Options.UsageException.class, () -> new WarmUp(Duration.ZERO, 100, Duration.ofSeconds(10)));
		Options options = Options.parse("--jar", "x.jar", "--warmup", "20", "--warm-until-jit", "3", "--warmup-max", "120");
		assertEquals(new WarmUp(Duration.ofSeconds(20), 3, Duration.ofSeconds(120)), options.warmUp());
		assertEquals(WarmUp.fixed(Duration.ofSeconds(20)), Options.parse("--jar", "x.jar", "--warmup", "20").warmUp());
	}

}
