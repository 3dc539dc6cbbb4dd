package dev.smsauth.cleanup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * How a clean-up run spends its time: the tables take turns, one batch each, and after every batch
 * the run pauses {@code pauseFactor} times as long as that batch took, until every table is done or
 * {@code maxRunTime} has passed. The pause follows the batch's own time, so the job slows down by
 * itself when the database is busy, which is when sign-ins need it most; the turns keep a backlog in
 * one table (a million dead grants) from starving the others within the bound.
 *
 * <p>Not a lock and not shared: every node paces its own run. Two nodes running at once each keep
 * to their own duty cycle.
 */
final class Pacing {

	private final double pauseFactor;

	private final Duration maxRunTime;

	private final CleanupTimer timer;

	Pacing(double pauseFactor, Duration maxRunTime, CleanupTimer timer) {
		this.pauseFactor = pauseFactor;
		this.maxRunTime = maxRunTime;
		this.timer = timer;
	}

	static Pacing of(CleanupProperties properties, CleanupTimer timer) {
		return new Pacing(properties.pauseFactor(), properties.maxRunTime(), timer);
	}

	/** Runs the batches in turns; returns what the run did with its time. */
	Outcome run(List<? extends BatchedDelete> tables) {
		long start = timer.nanoTime();
		long deadline = start + maxRunTime.toNanos();
		List<BatchedDelete> pending = new ArrayList<>(tables);
		int batches = 0;
		long paused = 0;
		while (!pending.isEmpty()) {
			for (Iterator<BatchedDelete> it = pending.iterator(); it.hasNext();) {
				BatchedDelete table = it.next();
				if (timer.nanoTime() - deadline >= 0) {
					return new Outcome(batches, Duration.ofNanos(paused), Ending.TIME_UP);
				}
				long before = timer.nanoTime();
				boolean more = table.deleteNextBatch();
				long took = timer.nanoTime() - before;
				batches++;
				if (!more) {
					it.remove();
				}
				if (pending.isEmpty()) {
					break;
				}
				long pause = (long) (took * pauseFactor);
				if (pause <= 0) {
					continue;
				}
				// A pause that would outlast the run ends it now: the next run continues.
				if (timer.nanoTime() + pause - deadline >= 0) {
					return new Outcome(batches, Duration.ofNanos(paused), Ending.TIME_UP);
				}
				try {
					timer.sleep(Duration.ofNanos(pause));
				}
				catch (InterruptedException ex) {
					// Shutting down: the rows left are the next run's (on this node or another).
					Thread.currentThread().interrupt();
					return new Outcome(batches, Duration.ofNanos(paused), Ending.INTERRUPTED);
				}
				paused += pause;
			}
		}
		return new Outcome(batches, Duration.ofNanos(paused), Ending.DONE);
	}

	enum Ending {

		/** Every table had nothing more to delete. */
		DONE,
		/** {@code auth.cleanup.max-run-time} ended the run with rows left. */
		TIME_UP,
		/** The thread was interrupted (shutdown) during a pause. */
		INTERRUPTED

	}

	/** What one run did with its time: batches run, time spent pausing, how it ended. */
	record Outcome(int batches, Duration paused, Ending ending) {
	}

}
