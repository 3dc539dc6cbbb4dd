package dev.smsauth.config;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Not a test: a measuring program (docs/performance.md, "Argon2id with its memory reused"). Spring
 * Security's Argon2id encoder against {@link ReusedMemoryArgon2PasswordEncoder}, in alternating
 * rounds in one JVM, {@code threads} hashes at once: thread CPU, process CPU (collector included),
 * bytes allocated and collector time per hash. The first round of each is warm-up and not printed.
 *
 * <pre>
 * cd auth-server && ../mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" dev.smsauth.config.Argon2EncoderComparison 4 25 5
 * </pre>
 */
public final class Argon2EncoderComparison {

	private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	private Argon2EncoderComparison() {
	}

	public static void main(String[] args) throws Exception {
		int threads = Integer.parseInt(args[0]);
		int hashesPerThread = Integer.parseInt(args[1]);
		int rounds = Integer.parseInt(args[2]);
		PasswordEncoder spring = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
		PasswordEncoder ours = ReusedMemoryArgon2PasswordEncoder.forThisMachine();
		String stored = spring.encode("comparison-password");
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			for (int round = 0; round < rounds; round++) {
				for (String name : List.of("spring", "reused")) {
					PasswordEncoder encoder = name.equals("spring") ? spring : ours;
					long gcBefore = collectorMillis();
					long processBefore = processCpuNanos();
					List<Future<long[]>> perThread = new ArrayList<>();
					for (int t = 0; t < threads; t++) {
						perThread.add(pool.submit(() -> hashes(encoder, stored, hashesPerThread)));
					}
					long cpu = 0;
					long bytes = 0;
					for (Future<long[]> done : perThread) {
						cpu += done.get()[0];
						bytes += done.get()[1];
					}
					double n = threads * (double) hashesPerThread;
					if (round > 0) {
						System.out.printf("round %d %-6s thread CPU %.2f ms/hash, process CPU %.2f ms/hash, "
								+ "allocated %.1f MiB/hash, collector %.2f ms/hash%n", round, name, cpu / 1e6 / n,
								(processCpuNanos() - processBefore) / 1e6 / n, bytes / 1048576.0 / n,
								(collectorMillis() - gcBefore) / n);
					}
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static long[] hashes(PasswordEncoder encoder, String stored, int count) {
		long cpu = THREADS.getCurrentThreadCpuTime();
		long bytes = THREADS.getCurrentThreadAllocatedBytes();
		for (int i = 0; i < count; i++) {
			if (!encoder.matches("comparison-password", stored)) {
				throw new IllegalStateException("the stored hash did not verify");
			}
		}
		return new long[] { THREADS.getCurrentThreadCpuTime() - cpu, THREADS.getCurrentThreadAllocatedBytes() - bytes };
	}

	private static long collectorMillis() {
		return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
	}

	private static long processCpuNanos() {
		return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

}
