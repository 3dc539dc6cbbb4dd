package dev.smsauth.observability;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The CPU time of the server's two deliberately expensive primitives, as Micrometer timers
 * {@code smsauth.crypto.cpu} with tag {@code operation=password_hash|token_signature} (Prometheus:
 * {@code smsauth_crypto_cpu_seconds_sum} and {@code _count}).
 *
 * <p>Thread CPU, not wall time: under load a hash waits for a core, and that wait is not its cost.
 * An operator sees what share of the server's CPU the password hash takes, the figure to weigh a
 * stronger Argon2 setting against; the benchmark subtracts it per sign-in, so "the sign-in beyond
 * its hash" is measured in the same window as the hash, on the same host, with the same number of
 * hashes running at once (a memory-hard hash costs more CPU when four share two cores' caches).
 *
 * <p>One clock read before and one after (about a microsecond together, against a hash of tens of
 * milliseconds or a signature of a few hundred microseconds). Where the JVM can not read a thread's
 * CPU time (a virtual thread, or a platform without the clock), nothing is recorded.
 */
public final class CryptoCpu {

	/** What was timed. */
	public enum Operation {

		/** A human password checked or hashed (Argon2id, or bcrypt before its upgrade); never a client secret. */
		PASSWORD_HASH("password_hash"),

		/** One token signature (the JWS signing primitive alone, not the JSON around it). */
		TOKEN_SIGNATURE("token_signature");

		private final String tag;

		Operation(String tag) {
			this.tag = tag;
		}

	}

	/** Records nothing: for code built outside a Spring context (tests, tools). */
	public static final CryptoCpu NONE = new CryptoCpu(null);

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private static final boolean CLOCK = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();

	private final Map<Operation, Timer> timers;

	public CryptoCpu(MeterRegistry registry) {
		if (registry == null || !CLOCK) {
			this.timers = Map.of();
			return;
		}
		Map<Operation, Timer> byOperation = new EnumMap<>(Operation.class);
		for (Operation operation : Operation.values()) {
			byOperation.put(operation, Timer.builder("smsauth.crypto.cpu")
				.description("Thread CPU time of password hashes and token signatures")
				.tag("operation", operation.tag)
				.register(registry));
		}
		this.timers = byOperation;
	}

	/** The calling thread's CPU clock, to hand to {@link #stop}; negative when there is none to read. */
	public long start() {
		return timers.isEmpty() ? -1 : THREADS.getCurrentThreadCpuTime();
	}

	/** Records the CPU the calling thread spent since {@code started} ({@link #start}) on {@code operation}. */
	public void stop(Operation operation, long started) {
		if (started < 0) {
			return;
		}
		long now = THREADS.getCurrentThreadCpuTime();
		if (now >= started) {
			timers.get(operation).record(now - started, TimeUnit.NANOSECONDS);
		}
	}

}
