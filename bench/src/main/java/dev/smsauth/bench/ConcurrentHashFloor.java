package dev.smsauth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An extra floor, reported beside {@link Floor#argon2idMs()} and never instead of it: the CPU of one
 * Argon2id check when 2 or 4 run at once ({@code jmh.ConcurrentArgon2idBenchmarks}). The sign-in
 * scenarios keep 4 client threads busy on this 2-core machine, so the server's hashes overlap; if a
 * hash costs more then (shared caches and memory bus), the honest "beyond the hash" subtracts this.
 *
 * @param oneMs thread CPU per hash, one at a time (a check of the single-threaded floor)
 * @param twoMs thread CPU per hash, two at once
 * @param fourMs thread CPU per hash, four at once (the sign-in scenarios' concurrency)
 * @param fourProcessMs the whole JVM's CPU per hash, four at once (GC of the 16 MiB each hash
 * allocates included; honest only on a quiet machine)
 */
record ConcurrentHashFloor(double oneMs, double twoMs, double fourMs, double fourProcessMs) {

	private static final Pattern BENCHMARK = Pattern.compile("\"benchmark\"\\s*:\\s*\"[^\"]*ConcurrentArgon2idBenchmarks\\.(\\w+)\"");

	/** The three runs of {@code ConcurrentArgon2idBenchmarks} in a JMH JSON result, or empty when it has none. */
	static Optional<ConcurrentHashFloor> fromJmh(Path file) throws IOException {
		String json = Files.readString(file);
		Map<String, String> blocks = new HashMap<>();
		Matcher m = BENCHMARK.matcher(json);
		int start = -1;
		String name = null;
		while (m.find()) {
			if (name != null) {
				blocks.put(name, json.substring(start, m.start()));
			}
			name = m.group(1);
			start = m.start();
		}
		if (name != null) {
			blocks.put(name, json.substring(start));
		}
		String one = blocks.get("argon2idVerifyOneAtATime");
		String two = blocks.get("argon2idVerifyTwoAtOnce");
		String four = blocks.get("argon2idVerifyFourAtOnce");
		if (one == null || two == null || four == null) {
			return Optional.empty();
		}
		return Optional.of(new ConcurrentHashFloor(perHash(one, "threadCpuMicros"), perHash(two, "threadCpuMicros"),
				perHash(four, "threadCpuMicros"), perHash(four, "processCpuMicros")));
	}

	/** The counter's sum over the measured iterations ÷ the hashes in them, in ms. */
	private static double perHash(String block, String counter) {
		return score(block, counter) / score(block, "hashes") / 1_000;
	}

	private static double score(String block, String metric) {
		Matcher m = Pattern.compile("\"" + metric + "\"\\s*:\\s*\\{\\s*\"score\"\\s*:\\s*([0-9.eE+-]+)").matcher(block);
		if (!m.find()) {
			throw new IllegalArgumentException("the JMH result's " + block.lines().findFirst().orElse("") + " has no " + metric);
		}
		return Double.parseDouble(m.group(1));
	}

}
