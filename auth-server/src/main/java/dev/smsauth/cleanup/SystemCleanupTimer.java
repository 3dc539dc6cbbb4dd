package dev.smsauth.cleanup;

import java.time.Duration;

import org.springframework.stereotype.Component;

/** The real one: {@link System#nanoTime()} and {@link Thread#sleep(long, int)}. */
@Component
class SystemCleanupTimer implements CleanupTimer {

	@Override
	public long nanoTime() {
		return System.nanoTime();
	}

	@Override
	public void sleep(Duration pause) throws InterruptedException {
		// Thread.sleep(Duration) is Java 19+; the build stays on release 17.
		Thread.sleep(pause.toMillis(), (int) (pause.toNanos() % 1_000_000));
	}

}
