package dev.smsauth.bench;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * When a scenario's warm-up ends. A fixed time alone is no measure of "warm": at forty sign-ins a
 * second the JIT compilers still took 12-13 % of the server's CPU after 45 s (a sign-in crosses
 * several thousand methods, each compiled only once it is hot), while client_credentials was warm
 * in seconds. So besides the fixed {@code minimum}, the warm-up can go on in slices until the
 * compiler threads' share of the server's CPU has been at most {@code jitPercent} in
 * {@code quietSlices} slices in a row, or until {@code maximum}. One quiet slice was not enough: a
 * password sign-in declared warm after 110 s by one 10 s slice still had the JIT at 6 % of its 30 s
 * window and 8.5 ms beyond the hash, while the same server's next two windows, JIT at 1 %, measured
 * 6.3 and 7.7 ms (docs/performance.md, 2026-12-06 15:07): the sign-in's methods that run once per
 * sign-in reach C2 only minutes in, and a lull between two of their compilations looked like the
 * end. The same rule applies to any JVM measured (an external provider's compiler threads are read
 * from /proc the same way), so two servers are compared equally warm.
 *
 * @param minimum always warmed for this long
 * @param jitPercent the JIT share of one slice at or below which that slice counts as quiet; 0: off
 * @param maximum never longer than this, warm or not (the report shows the share in the window)
 * @param slice the span over which the JIT's share is read
 * @param quietSlices how many slices in a row must be at or below {@code jitPercent}
 */
record WarmUp(Duration minimum, double jitPercent, Duration maximum, Duration slice, int quietSlices) {

	static final Duration SLICE = Duration.ofSeconds(10);

	/** Three 10 s slices: the JIT quiet for half a minute. */
	static final int QUIET_SLICES = 3;

	WarmUp(Duration minimum, double jitPercent, Duration maximum) {
		this(minimum, jitPercent, maximum, SLICE, QUIET_SLICES);
	}

	WarmUp {
		if (jitPercent < 0 || jitPercent >= 100) {
			throw new Options.UsageException("--warm-until-jit must be a percentage from 0 (off) to below 100");
		}
		if (jitPercent > 0 && maximum.compareTo(minimum) < 0) {
			throw new Options.UsageException("--warmup-max must not be shorter than --warmup");
		}
		if (quietSlices < 1) {
			throw new IllegalArgumentException("quietSlices must be at least 1");
		}
	}

	static WarmUp fixed(Duration time) {
		return new WarmUp(time, 0, time);
	}

	/**
	 * Waits out the warm-up that began at {@code startNanos} (System.nanoTime) and answers how long it lasted.
	 *
	 * @param serverThreadCpu the server's CPU nanoseconds by kind of thread ({@link ThreadGroups#cpuNanos})
	 */
	Duration await(long startNanos, Supplier<Map<String, Long>> serverThreadCpu) throws InterruptedException {
		LoadGenerator.sleepUntil(startNanos + minimum.toNanos());
		if (jitPercent > 0) {
			long deadline = startNanos + maximum.toNanos();
			Map<String, Long> before = serverThreadCpu.get();
			int quiet = 0;
			while (System.nanoTime() < deadline) {
				LoadGenerator.sleepUntil(Math.min(System.nanoTime() + slice.toNanos(), deadline));
				Map<String, Long> after = serverThreadCpu.get();
				double share = ThreadGroups.percent("JIT", before, after);
				// No thread information (no /proc): nothing to wait for.
				if (Double.isNaN(share)) {
					break;
				}
				quiet = share <= jitPercent ? quiet + 1 : 0;
				if (quiet >= quietSlices) {
					break;
				}
				before = after;
			}
		}
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

	String describe() {
		return jitPercent > 0
				? String.format(java.util.Locale.ROOT, "%s warm-up, then until the JIT takes <= %.0f%% of %d %d s slices in a row (at most %s)",
						minimum, jitPercent, quietSlices, slice.toSeconds(), maximum)
				: minimum + " warm-up";
	}

}
