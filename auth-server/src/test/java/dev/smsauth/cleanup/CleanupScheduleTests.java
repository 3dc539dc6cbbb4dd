package dev.smsauth.cleanup;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.smsauth.audit.AuditProperties;
import dev.smsauth.device.DeviceProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The schedule alone: on by default, at the configured interval, off with the switch. */
class CleanupScheduleTests {

	private final CountingJob job = new CountingJob();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskSchedulingAutoConfiguration.class))
		.withUserConfiguration(CleanupSchedule.class)
		.withBean(CleanupJob.class, () -> job);

	@Test
	void whenEnabledByDefaultThenRunsEveryInterval() {
		runner.withPropertyValues("auth.cleanup.interval=50ms").run(context -> {
			assertThat(context).hasSingleBean(CleanupSchedule.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> job.runs.get() >= 2);
		});
	}

	@Test
	void whenDisabledThenNeverScheduled() {
		runner.withPropertyValues("auth.cleanup.enabled=false", "auth.cleanup.interval=50ms").run(context -> {
			assertThat(context).doesNotHaveBean(CleanupSchedule.class);
			Thread.sleep(200);
			assertThat(job.runs.get()).isZero();
		});
	}

	/** Counts runs instead of touching a database. */
	static final class CountingJob extends CleanupJob {

		final AtomicInteger runs = new AtomicInteger();

		CountingJob() {
			super(null, new CleanupProperties(true, Duration.ofMinutes(10), 100, 4, Duration.ofMinutes(5), Duration.ofDays(1),
					Duration.ofDays(1), Duration.ofDays(2)), new AuditProperties(Duration.ofDays(365)),
					new DeviceProperties(false, Duration.ofDays(365), Duration.ofDays(400)),
					new dev.smsauth.sms.SmsMessagesProperties(Duration.ofDays(400)), Clock.systemUTC(), new SystemCleanupTimer());
		}

		@Override
		public CleanupReport run() {
			runs.incrementAndGet();
			return new CleanupReport(0, 0, 0, 0, 0, 0, 0);
		}

	}

}
