package dev.smsauth.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The floor column: what each primitive costs on this machine. Either measured here, quickly, in
 * CPU time of this thread (the machine is shared, so wall time would count other people's work),
 * or read from a JMH JSON result of {@code jmh.CryptoBenchmarks}, which is the careful number.
 */
final class CryptoFloor {

	private CryptoFloor() {
	}

	static Floor measure(boolean quick) {
		Primitives p = new Primitives();
		long warmNanos = quick ? 100_000_000L : 700_000_000L;
		long measureNanos = quick ? 250_000_000L : 1_500_000_000L;
		return new Floor(msPerCall(p::rs256Sign, warmNanos, measureNanos), msPerCall(p::es256Sign, warmNanos, measureNanos),
				msPerCall(p::rs256Verify, warmNanos, measureNanos), msPerCall(p::argon2idVerify, warmNanos, measureNanos),
				msPerCall(p::bcrypt10Verify, warmNanos, measureNanos), msPerCall(p::sha256SecretVerify, warmNanos, measureNanos),
				msPerCall(p::pbkdf2Sha512Verify, warmNanos, measureNanos), msPerCall(p::keycloakArgon2idVerify, warmNanos, measureNanos),
				msPerCall(p::hmacSha512Jwt, warmNanos, measureNanos),
				p.hasAwsLc() ? msPerCall(p::rs256SignAwsLc, warmNanos, measureNanos) : Double.NaN,
				p.hasAwsLc() ? msPerCall(p::es256SignAwsLc, warmNanos, measureNanos) : Double.NaN,
				quick ? "measured here (quick, CPU time)" : "measured here (CPU time)");
	}

	private static double msPerCall(java.util.function.Supplier<?> call, long warmNanos, long measureNanos) {
		return msPerCall(() -> call.get() != null, warmNanos, measureNanos);
	}

	private static double msPerCall(BooleanSupplier call, long warmNanos, long measureNanos) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long warmEnd = threads.getCurrentThreadCpuTime() + warmNanos;
		while (threads.getCurrentThreadCpuTime() < warmEnd) {
			call.getAsBoolean();
		}
		long start = threads.getCurrentThreadCpuTime();
		long calls = 0;
		long now;
		do {
			if (!call.getAsBoolean()) {
				throw new IllegalStateException("a primitive failed its own check");
			}
			calls++;
			now = threads.getCurrentThreadCpuTime();
		}
		while (now - start < measureNanos);
		return (now - start) / 1e6 / calls;
	}

	private static final Pattern BENCHMARK = Pattern.compile(
			"\"benchmark\"\\s*:\\s*\"[^\"]*\\.(\\w+)\".*?\"primaryMetric\"\\s*:\\s*\\{\\s*\"score\"\\s*:\\s*([0-9.eE+-]+).*?\"scoreUnit\"\\s*:\\s*\"([^\"]+)\"",
			Pattern.DOTALL);

	/** Reads a JMH JSON result ({@code -rf json}) of CryptoBenchmarks in average-time mode. */
	static Floor fromJmh(Path file) throws IOException {
		String json = Files.readString(file);
		Map<String, Double> ms = new HashMap<>();
		Matcher m = BENCHMARK.matcher(json);
		while (m.find()) {
			ms.put(m.group(1), toMs(Double.parseDouble(m.group(2)), m.group(3)));
		}
		return new Floor(get(ms, "rs256Sign"), get(ms, "es256Sign"), get(ms, "rs256Verify"), get(ms, "argon2idVerify"),
				get(ms, "bcrypt10Verify"), get(ms, "sha256SecretVerify"), ms.getOrDefault("pbkdf2Sha512Verify", Double.NaN),
				ms.getOrDefault("keycloakArgon2idVerify", Double.NaN), ms.getOrDefault("hmacSha512Jwt", Double.NaN),
				ms.getOrDefault("rs256SignAwsLc", Double.NaN), ms.getOrDefault("es256SignAwsLc", Double.NaN), "JMH " + file);
	}

	private static double get(Map<String, Double> ms, String name) {
		Double value = ms.get(name);
		if (value == null) {
			throw new IllegalArgumentException("the JMH result has no " + name + " (run every CryptoBenchmarks method)");
		}
		return value;
	}

	private static double toMs(double score, String unit) {
		return switch (unit) {
			case "ns/op" -> score / 1e6;
			case "us/op" -> score / 1e3;
			case "ms/op" -> score;
			case "s/op" -> score * 1e3;
			default -> throw new IllegalArgumentException("JMH unit " + unit + ": run in average-time mode (-bm avgt)");
		};
	}

}
