package dev.smsauth.bench;

import java.util.Arrays;

/** The latencies one worker measured, in nanoseconds; merged and sorted once at the end. */
final class LatencyLog {

	private long[] values = new long[4096];

	private int size;

	void add(long nanos) {
		if (size == values.length) {
			values = Arrays.copyOf(values, size * 2);
		}
		values[size++] = nanos;
	}

	int size() {
		return size;
	}

	static long[] sortedUnion(Iterable<LatencyLog> logs) {
		int total = 0;
		for (LatencyLog log : logs) {
			total += log.size;
		}
		long[] all = new long[total];
		int at = 0;
		for (LatencyLog log : logs) {
			System.arraycopy(log.values, 0, all, at, log.size);
			at += log.size;
		}
		Arrays.sort(all);
		return all;
	}

	/** The nearest-rank percentile of sorted values, in ms (NaN when empty). */
	static double percentileMs(long[] sorted, double percentile) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
	}

}
