package dev.smsauth.bench.fill;

import java.util.SplittableRandom;

/**
 * UUID-shaped ids (as {@code UUID.randomUUID().toString()} makes them, version 4) for {@code count}
 * rows, spread evenly over the whole key space in ascending order: row {@code i} gets a prefix of
 * {@code i * 2^64 / count}, the rest random. The filler appends to the primary key instead of
 * splitting random pages (minutes instead of hours with a small buffer pool), yet the keys the
 * server later draws with randomUUID() land among them just as among random ones.
 */
final class SpacedIds {

	private final long count;

	private final SplittableRandom random;

	SpacedIds(long count, long seed) {
		this.count = Math.max(1, count);
		this.random = new SplittableRandom(seed);
	}

	String id(long i) {
		// High 64 bits: the position in the key space (unsigned), with the version nibble forced to 4
		// only where it does not reorder (bits 12..15 of the third group are below the position's
		// resolution for any count under 2^48).
		long high = Long.divideUnsigned(-1L, count) * i;
		high = (high & 0xFFFF_FFFF_FFFF_0FFFL) | 0x0000_0000_0000_4000L;
		long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return hex(high >>> 32, 8) + "-" + hex((high >>> 16) & 0xFFFF, 4) + "-" + hex(high & 0xFFFF, 4) + "-"
				+ hex(low >>> 48, 4) + "-" + hex(low & 0xFFFF_FFFF_FFFFL, 12);
	}

	private static String hex(long value, int digits) {
		String s = Long.toHexString(value);
		return "0".repeat(digits - s.length()) + s;
	}

}
