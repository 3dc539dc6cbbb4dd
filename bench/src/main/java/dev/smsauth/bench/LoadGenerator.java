package dev.smsauth.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A closed-loop generator: N platform threads (release 17: no virtual threads), each sending its
 * next request as soon as the previous one answered, for a warm-up and then a measured window.
 * An operation counts in the window when it completes inside it. The server's CPU clock is read
 * at the window's two edges.
 * <p>
 * With a target rate the workers are paced instead: worker i sends at fixed intervals of
 * threads/rate seconds, and a latency is measured from when the request was due, not from when
 * it was sent, so a slow answer that delays the next requests counts against them too (no
 * coordinated omission).
 */
final class LoadGenerator {

	private final int threads;

	private final WarmUp warmup;

	private final Duration duration;

	private final double ratePerSecond;

	LoadGenerator(int threads, Duration warmup, Duration duration) {
		this(threads, WarmUp.fixed(warmup), duration, 0);
	}

	LoadGenerator(int threads, WarmUp warmup, Duration duration) {
		this(threads, warmup, duration, 0);
	}

	/** {@code ratePerSecond} 0 means closed loop. */
	LoadGenerator(int threads, WarmUp warmup, Duration duration, double ratePerSecond) {
		this.threads = threads;
		this.warmup = warmup;
		this.duration = duration;
		this.ratePerSecond = ratePerSecond;
	}

	LoadGenerator paced(double rate) {
		return new LoadGenerator(threads, warmup, duration, rate);
	}

	/** Hooks around the warm-up and the measured window (JFR start and stop). */
	interface WindowListener {

		/** Before the first operation of the warm-up. */
		default void warmUpStarts() {
		}

		void windowStarts();

		void windowEnds();

	}

	ScenarioResult run(Scenario scenario, String base, LongSupplier serverCpuNanos, LongSupplier dbCpuNanos,
			Supplier<Map<String, Long>> serverThreadCpu, Supplier<ServerCrypto> serverCrypto, Floor floor,
			WindowListener listener) throws InterruptedException {
		List<Scenario.Operation> operations = new ArrayList<>();
		List<Http> clients = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			Http http = new Http(base);
			clients.add(http);
			operations.add(scenario.worker(i, http)); // preparation is never measured
		}
		List<LatencyLog> logs = new ArrayList<>();
		AtomicLong errors = new AtomicLong();
		AtomicReference<String> firstError = new AtomicReference<>();
		// The window opens when the controller has read the CPU clocks (and, with --jfr, jcmd has
		// started the recording, which can take seconds on a busy machine): until then workers are
		// still warming up. Only operations that complete between the two edges count.
		Window window = new Window();
		listener.warmUpStarts();
		long warmupStart = System.nanoTime();
		CountDownLatch done = new CountDownLatch(threads);
		for (int i = 0; i < threads; i++) {
			LatencyLog log = new LatencyLog();
			logs.add(log);
			Scenario.Operation operation = operations.get(i);
			long interval = ratePerSecond > 0 ? (long) (threads * 1e9 / ratePerSecond) : 0;
			long firstDue = System.nanoTime() + (interval * i) / threads; // spread the workers over one interval
			Thread worker = new Thread(() -> {
				try {
					loop(operation, log, window, errors, firstError, firstDue, interval);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					done.countDown();
				}
			}, "bench-" + scenario.name() + "-" + i);
			worker.setDaemon(true);
			worker.start();
		}
		Duration warmedFor = warmup.await(warmupStart, serverThreadCpu);
		listener.windowStarts();
		ServerCrypto cryptoStart = serverCrypto.get(); // a scrape: read before the CPU clocks, so not in the window
		Map<String, Long> threadsStart = serverThreadCpu.get();
		long cpuStart = serverCpuNanos.getAsLong();
		long dbStart = dbCpuNanos.getAsLong();
		long wallStart = System.nanoTime();
		window.open(wallStart, wallStart + duration.toNanos());
		sleepUntil(wallStart + duration.toNanos());
		long cpuEnd = serverCpuNanos.getAsLong();
		long dbEnd = dbCpuNanos.getAsLong();
		Map<String, Long> threadsEnd = serverThreadCpu.get();
		ServerCrypto cryptoEnd = serverCrypto.get();
		listener.windowEnds();
		done.await();

		long[] sorted = LatencyLog.sortedUnion(logs);
		long ops = sorted.length;
		double seconds = duration.toNanos() / 1e9; // the span in which operations were counted
		double cpuMsPerOp = ops == 0 ? Double.NaN : (cpuEnd - cpuStart) / 1e6 / ops;
		double dbMsPerOp = ops == 0 || dbStart < 0 ? Double.NaN : (dbEnd - dbStart) / 1e6 / ops;
		return new ScenarioResult(scenario.name(), threads, seconds, ops, ops / seconds,
				LatencyLog.percentileMs(sorted, 50), LatencyLog.percentileMs(sorted, 90), LatencyLog.percentileMs(sorted, 99),
				errors.get(), cpuMsPerOp, dbMsPerOp, scenario.floorMs(floor), scenario.passwordHashMs(floor), scenario.signingFloor(floor), scenario.target(floor), firstError.get(),
				ThreadGroups.shares(threadsStart, threadsEnd), warmedFor.toMillis() / 1000.0, cryptoEnd.since(cryptoStart));
	}

	private static void loop(Scenario.Operation operation, LatencyLog log, Window window, AtomicLong errors,
			AtomicReference<String> firstError, long firstDue, long interval) throws InterruptedException {
		long due = firstDue;
		while (true) {
			long start;
			if (interval > 0) {
				sleepUntil(due);
				start = due; // latency from when it was due (see the class comment)
				due += interval;
			}
			else {
				start = System.nanoTime();
			}
			if (start >= window.end) {
				return;
			}
			boolean ok;
			try {
				operation.run();
				ok = true;
			}
			catch (RuntimeException ex) {
				ok = false;
				errors.incrementAndGet();
				firstError.compareAndSet(null, ex.getMessage());
			}
			long end = System.nanoTime();
			if (ok && end >= window.start && end <= window.end) {
				log.add(end - start);
			}
		}
	}

	/** The measured window's edges in System.nanoTime(); open-ended until the controller sets them. */
	private static final class Window {

		volatile long start = Long.MAX_VALUE;

		volatile long end = Long.MAX_VALUE;

		void open(long from, long to) {
			end = to; // end first: a worker that sees the new start must never see the old, open end
			start = from;
		}

	}

	static void sleepUntil(long nanoTime) throws InterruptedException {
		long left;
		while ((left = nanoTime - System.nanoTime()) > 0) {
			// parkNanos, not sleep(ms): a paced request sent a millisecond late would count that millisecond.
			java.util.concurrent.locks.LockSupport.parkNanos(Math.min(left, 100_000_000L));
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
		}
	}

}
