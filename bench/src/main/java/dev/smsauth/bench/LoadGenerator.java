package dev.smsauth.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A closed-loop generator: N platform threads (release 17: no virtual threads), each sending its
 * next request as soon as the previous one answered, for a warm-up and then a measured window.
 * An operation counts in the window when it completes inside it. The server's CPU clock is read
 * at the window's two edges.
 */
final class LoadGenerator {

	private final int threads;

	private final Duration warmup;

	private final Duration duration;

	LoadGenerator(int threads, Duration warmup, Duration duration) {
		this.threads = threads;
		this.warmup = warmup;
		this.duration = duration;
	}

	/** Hooks around the measured window (JFR start and stop). */
	interface WindowListener {

		void windowStarts();

		void windowEnds();

	}

	ScenarioResult run(Scenario scenario, String base, LongSupplier serverCpuNanos, LongSupplier dbCpuNanos, Floor floor,
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
		long warmupEnd = System.nanoTime() + warmup.toNanos();
		long windowEnd = warmupEnd + duration.toNanos();
		CountDownLatch done = new CountDownLatch(threads);
		for (int i = 0; i < threads; i++) {
			LatencyLog log = new LatencyLog();
			logs.add(log);
			Scenario.Operation operation = operations.get(i);
			Thread worker = new Thread(() -> {
				try {
					loop(operation, log, warmupEnd, windowEnd, errors, firstError);
				}
				finally {
					done.countDown();
				}
			}, "bench-" + scenario.name() + "-" + i);
			worker.setDaemon(true);
			worker.start();
		}
		sleepUntil(warmupEnd);
		listener.windowStarts();
		long cpuStart = serverCpuNanos.getAsLong();
		long dbStart = dbCpuNanos.getAsLong();
		long wallStart = System.nanoTime();
		sleepUntil(windowEnd);
		long cpuEnd = serverCpuNanos.getAsLong();
		long dbEnd = dbCpuNanos.getAsLong();
		long wallEnd = System.nanoTime();
		listener.windowEnds();
		done.await();

		long[] sorted = LatencyLog.sortedUnion(logs);
		long ops = sorted.length;
		double seconds = (wallEnd - wallStart) / 1e9;
		double cpuMsPerOp = ops == 0 ? Double.NaN : (cpuEnd - cpuStart) / 1e6 / ops;
		double dbMsPerOp = ops == 0 || dbStart < 0 ? Double.NaN : (dbEnd - dbStart) / 1e6 / ops;
		return new ScenarioResult(scenario.name(), threads, seconds, ops, ops / seconds,
				LatencyLog.percentileMs(sorted, 50), LatencyLog.percentileMs(sorted, 90), LatencyLog.percentileMs(sorted, 99),
				errors.get(), cpuMsPerOp, dbMsPerOp, scenario.floorMs(floor), scenario.target(floor), firstError.get());
	}

	private static void loop(Scenario.Operation operation, LatencyLog log, long warmupEnd, long windowEnd, AtomicLong errors,
			AtomicReference<String> firstError) {
		while (true) {
			long start = System.nanoTime();
			if (start >= windowEnd) {
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
			if (ok && end >= warmupEnd && end <= windowEnd) {
				log.add(end - start);
			}
		}
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long left;
		while ((left = nanoTime - System.nanoTime()) > 0) {
			Thread.sleep(Math.max(1, Math.min(left / 1_000_000, 100)));
		}
	}

}
