package dev.smsauth.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyLogTest {

	@Test
	void percentilesAreNearestRankOverEveryWorkersLatencies() {
		LatencyLog a = new LatencyLog();
		LatencyLog b = new LatencyLog();
		for (int ms = 1; ms <= 100; ms++) {
			(ms % 2 == 0 ? a : b).add(ms * 1_000_000L);
		}

		long[] sorted = LatencyLog.sortedUnion(List.of(a, b));

		assertEquals(100, sorted.length);
		assertEquals(50.0, LatencyLog.percentileMs(sorted, 50));
		assertEquals(90.0, LatencyLog.percentileMs(sorted, 90));
		assertEquals(99.0, LatencyLog.percentileMs(sorted, 99));
		assertTrue(Double.isNaN(LatencyLog.percentileMs(new long[0], 99)));
	}

}
