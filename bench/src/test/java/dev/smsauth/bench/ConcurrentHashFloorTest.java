package dev.smsauth.bench;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The extra floor comes from the JMH counters of ConcurrentArgon2idBenchmarks (a real result, from a
 * run on the shared machine at load 8-14, so its figures say nothing): counter sum ÷ hashes.
 */
class ConcurrentHashFloorTest {

	@Test
	void readsCpuPerHashFromTheCountersOfEachConcurrency() throws Exception {
		Path file = Path.of(getClass().getResource("/jmh-concurrent-argon2id-sample.json").toURI());

		ConcurrentHashFloor c = ConcurrentHashFloor.fromJmh(file).orElseThrow();

		assertEquals(3768612.0 / 206 / 1000, c.oneMs(), 1e-9);
		assertEquals(29869704.0 / 1460 / 1000, c.twoMs(), 1e-9);
		assertEquals(6441202.0 / 202 / 1000, c.fourMs(), 1e-9);
		assertEquals(8310000.0 / 202 / 1000, c.fourProcessMs(), 1e-9);
	}

	@Test
	void aResultWithoutTheConcurrentRunsHasNoExtraFloor() throws Exception {
		Path file = Path.of(getClass().getResource("/jmh-result-sample.json").toURI());

		assertTrue(ConcurrentHashFloor.fromJmh(file).isEmpty());
	}

}
