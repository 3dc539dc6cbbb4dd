package dev.smsauth.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.smsauth.bench.Primitives;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An extra, separately labelled floor: the CPU one Argon2id check costs when 1, 2 or 4 of them run
 * at once. The sign-in benchmarks drive the server with 4 client threads on this 2-core machine,
 * so its hashes run side by side and share the caches and the memory bus (each touches 16 MiB);
 * if that makes a hash dearer, part of "beyond the single-threaded hash" is the hash itself.
 * {@link CryptoBenchmarks#argon2idVerify} stays the floor; this one is only reported beside it.
 *
 * <p>The primary score (average wall time per call and thread) is not a CPU figure once threads
 * outnumber cores, so each call also adds to two counters, summed over the threads by JMH:
 * {@code threadCpuMicros} (the calling thread's own CPU) and {@code processCpuMicros} (the whole
 * JVM's CPU, GC included: the hash allocates its 16 MiB every time, and that garbage is the
 * server's cost too), both per iteration with {@code hashes}; CPU per hash = counter ÷ hashes.
 * The process figure counts every thread of this JVM, so it is only honest on a quiet machine.
 * Run: {@code bash bench/run.sh jmh ConcurrentArgon2id}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(1)
public class ConcurrentArgon2idBenchmarks {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private static final com.sun.management.OperatingSystemMXBean OS =
			(com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

	private Primitives primitives;

	/**
	 * The process CPU at the last reading. Each call swaps in its own reading and keeps the
	 * difference, so the differences of one iteration add up to its process CPU exactly, whatever
	 * order the threads read in.
	 */
	private final AtomicLong lastProcessCpuNanos = new AtomicLong();

	@Setup
	public void setUp() {
		primitives = new Primitives();
	}

	@Setup(Level.Iteration)
	public void startIteration() {
		lastProcessCpuNanos.set(OS.getProcessCpuTime());
	}

	/** Per thread, summed by JMH over the threads of an iteration. */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class CpuCounters {

		public long threadCpuMicros;

		public long processCpuMicros;

		public long hashes;

		@Setup(Level.Iteration)
		public void reset() {
			threadCpuMicros = 0;
			processCpuMicros = 0;
			hashes = 0;
		}

	}

	@Benchmark
	@Threads(1)
	public boolean argon2idVerifyOneAtATime(CpuCounters counters) {
		return countedVerify(counters);
	}

	@Benchmark
	@Threads(2)
	public boolean argon2idVerifyTwoAtOnce(CpuCounters counters) {
		return countedVerify(counters);
	}

	@Benchmark
	@Threads(4)
	public boolean argon2idVerifyFourAtOnce(CpuCounters counters) {
		return countedVerify(counters);
	}

	private boolean countedVerify(CpuCounters counters) {
		long threadStart = THREADS.getCurrentThreadCpuTime();
		boolean ok = primitives.argon2idVerify();
		counters.threadCpuMicros += (THREADS.getCurrentThreadCpuTime() - threadStart) / 1_000;
		long now = OS.getProcessCpuTime();
		counters.processCpuMicros += (now - lastProcessCpuNanos.getAndSet(now)) / 1_000;
		counters.hashes++;
		return ok;
	}

}
