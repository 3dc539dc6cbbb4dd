package dev.smsauth.cleanup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The clean-up's pacing on a fake timer: the pauses it asks for, the turns, the bound; nothing sleeps. */
class PacingTests {

	private final FakeTimer timer = new FakeTimer();

	private final List<String> turns = new ArrayList<>();

	@Test
	void whenBatchesRunThenEachButTheLastIsFollowedByAPauseOfFactorTimesItsTime() {
		Table grants = new Table("grants", 3, ms(10), ms(50), ms(20));

		Pacing.Outcome outcome = new Pacing(4, Duration.ofMinutes(5), timer).run(List.of(grants));

		assertThat(timer.sleeps).containsExactly(ms(40), ms(200));
		assertThat(outcome).isEqualTo(new Pacing.Outcome(3, ms(240), Pacing.Ending.DONE));
		assertThat(timer.elapsed()).as("work 80 ms, pauses 240 ms").isEqualTo(ms(320));
	}

	@Test
	void whenFactorIsZeroThenBatchesRunBackToBack() {
		Pacing.Outcome outcome = new Pacing(0, Duration.ofMinutes(5), timer)
			.run(List.of(new Table("grants", 5, ms(10)), new Table("challenges", 2, ms(10))));

		assertThat(timer.sleeps).isEmpty();
		assertThat(outcome).isEqualTo(new Pacing.Outcome(7, Duration.ZERO, Pacing.Ending.DONE));
	}

	@Test
	void whenSeveralTablesHaveRowsThenTheyTakeTurnsBatchByBatch() {
		Pacing.Outcome outcome = new Pacing(1, Duration.ofMinutes(5), timer).run(
				List.of(new Table("grants", 3, ms(10)), new Table("challenges", 1, ms(10)), new Table("outbox", 2, ms(10))));

		assertThat(turns).containsExactly("grants", "challenges", "outbox", "grants", "outbox", "grants");
		assertThat(outcome.batches()).isEqualTo(6);
		assertThat(timer.sleeps).hasSize(5);
	}

	@Test
	void whenTheRunTimeIsUpThenItStopsWithRowsLeftAndNeverSleepsPastTheBound() {
		Table endless = new Table("grants", Integer.MAX_VALUE, ms(20));
		Table challenges = new Table("challenges", Integer.MAX_VALUE, ms(20));

		Pacing.Outcome outcome = new Pacing(1, ms(100), timer).run(List.of(endless, challenges));

		// grants 0-20, pause to 40, challenges 40-60, pause to 80, grants 80-100; a pause to 120 would outlast it.
		assertThat(turns).containsExactly("grants", "challenges", "grants");
		assertThat(timer.sleeps).containsExactly(ms(20), ms(20));
		assertThat(outcome).isEqualTo(new Pacing.Outcome(3, ms(40), Pacing.Ending.TIME_UP));
		assertThat(timer.elapsed()).isLessThanOrEqualTo(ms(100));
	}

	@Test
	void whenOneBatchOutlastsTheRunThenNoOtherStarts() {
		Pacing.Outcome outcome = new Pacing(0, ms(100), timer)
			.run(List.of(new Table("grants", 5, ms(150)), new Table("challenges", 5, ms(1))));

		assertThat(turns).containsExactly("grants");
		assertThat(outcome.ending()).isEqualTo(Pacing.Ending.TIME_UP);
	}

	@Test
	void whenInterruptedDuringAPauseThenTheRunEndsAndTheInterruptIsKept() {
		timer.interruptAt = 2;
		try {
			Pacing.Outcome outcome = new Pacing(1, Duration.ofMinutes(5), timer).run(List.of(new Table("grants", 10, ms(10))));

			assertThat(outcome).isEqualTo(new Pacing.Outcome(2, ms(10), Pacing.Ending.INTERRUPTED));
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void whenNothingToDeleteThenOneBatchPerTableAndNoPause() {
		Pacing.Outcome outcome = new Pacing(4, Duration.ofMinutes(5), timer)
			.run(List.of(new Table("grants", 1, ms(3)), new Table("challenges", 1, ms(3))));

		assertThat(outcome).isEqualTo(new Pacing.Outcome(2, ms(12), Pacing.Ending.DONE));
		assertThat(timer.sleeps).containsExactly(ms(12));
	}

	@Test
	void whenDefaultPropertiesThenAFifthOfTheTimeIsWork() {
		CleanupProperties defaults = new CleanupProperties(true, Duration.ofMinutes(10), 100, 4, Duration.ofMinutes(5),
				Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(2));
		Pacing.of(defaults, timer).run(List.of(new Table("grants", Integer.MAX_VALUE, ms(10))));

		assertThat(turns).as("5 minutes at 10 ms of work and 40 ms of pause per batch").hasSize(6_000);
		assertThat(timer.elapsed()).isLessThanOrEqualTo(Duration.ofMinutes(5));
	}

	private static Duration ms(long millis) {
		return Duration.ofMillis(millis);
	}

	/** A table with so many batches left, each taking the given times on the fake timer (the last one repeated). */
	private final class Table implements BatchedDelete {

		private final String name;

		private int left;

		private final Duration[] times;

		private int batch;

		Table(String name, int batches, Duration... times) {
			this.name = name;
			this.left = batches;
			this.times = times;
		}

		@Override
		public boolean deleteNextBatch() {
			turns.add(name);
			timer.now += times[Math.min(batch++, times.length - 1)].toNanos();
			return --left > 0;
		}

	}

	private static final class FakeTimer implements CleanupTimer {

		/** Not zero: the pacing must work with differences, as with System.nanoTime(). */
		static final long START = Long.MAX_VALUE - 1_000_000_000L;

		long now = START;

		Duration elapsed() {
			return Duration.ofNanos(now - START);
		}

		final List<Duration> sleeps = new ArrayList<>();

		int interruptAt = -1;

		@Override
		public long nanoTime() {
			return now;
		}

		@Override
		public void sleep(Duration pause) throws InterruptedException {
			if (sleeps.size() + 1 == interruptAt) {
				throw new InterruptedException();
			}
			sleeps.add(pause);
			now += pause.toNanos();
		}

	}

}
