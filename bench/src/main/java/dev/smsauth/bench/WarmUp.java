package dev.smsauth.bench;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * When a scenario's warm-up ends. A fixed time alone is no measure of "warm": at forty sign-ins a
 * second the JIT compilers still took 12-13 % of the server's CPU after 45 s (a sign-in crosses
 * several thousand methods, each compiled only once it is hot), while client_credentials was warm
 * in seconds. So besides the fixed {@code minimum}, the warm-up can go on in slices until the
 * compiler threads' share of the server's CPU in the last slice is at most {@code jitPercent},
 * or until {@code maximum}. The same rule applies to any JVM measured (an external provider's
 * compiler threads are read from /proc the same way), so two servers are compared equally warm.
 *
 * @param minimum always warmed for this long
 * @param jitPercent the JIT share of one slice at or below which the server counts as warm; 0: off
 * @param maximum never longer than this, warm or not (the report shows the share in the window)
 * @param slice the span over which the JIT's share is read
 */
record WarmUp(Duration minimum, double jitPercent, Duration maximum, Duration slice) {

	static final Duration SLICE = Duration.ofSeconds(10);

	WarmUp(Duration minimum, double jitPercent, Duration maximum) {
		this(minimum, jitPercent, maximum, SLICE);
	}

	WarmUp {
		if (jitPercent < 0 || jitPercent >= 100) {
			throw new Options.UsageException("--warm-until-jit must be a percentage from 0 (off) to below 100");
		}
		if (jitPercent > 0 && maximum.compareTo(minimum) < 0) {
			throw new Options.UsageException("--warmup-max must not be shorter than --warmup");
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
			while (System.nanoTime() < deadline) {
				LoadGenerator.sleepUntil(Math.min(System.nanoTime() + slice.toNanos(), deadline));
				Map<String, Long> after = serverThreadCpu.get();
				double share = ThreadGroups.percent("JIT", before, after);
				// No thread information (no /proc): nothing to wait for.
				if (Double.isNaN(share) || share <= jitPercent) {
					break;
				}
				before = after;
			}
		}
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

	String describe() {
		return jitPercent > 0
				? String.format(java.util.Locale.ROOT, "%s warm-up, then until the JIT takes <= %.0f%% of a %d s slice (at most %s)",
						minimum, jitPercent, slice.toSeconds(), maximum)
				: minimum + " warm-up";
	}

}
