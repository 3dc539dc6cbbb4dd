package dev.smsauth.cleanup;

import java.time.Duration;

/**
 * The clean-up's own time: how long a batch took and the pause after it. Not the application's
 * {@link java.time.Clock}, which decides what is expired (tests move it by days); this one measures
 * and waits, and tests replace it so that nothing sleeps for real.
 */
interface CleanupTimer {

	/** A monotonic reading in nanoseconds, as {@link System#nanoTime()}. */
	long nanoTime();

	/** Waits this long; the thread's interrupt ends the wait (and the run). */
	void sleep(Duration pause) throws InterruptedException;

}
