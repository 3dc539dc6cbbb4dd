package dev.smsauth.cleanup;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs {@link CleanupJob} every {@code auth.cleanup.interval} on this node, unless
 * {@code auth.cleanup.enabled=false}. The first run waits one interval, so a fleet being restarted
 * does not hit the database at once, and tests are never raced by a run at start-up.
 * {@code auth.cleanup.initial-delay} (default: the interval) moves only that first run: the
 * benchmark starts a clean-up node early and has its first run begin in a known second.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "auth.cleanup.enabled", matchIfMissing = true)
class CleanupSchedule {

	private final CleanupJob job;

	CleanupSchedule(CleanupJob job) {
		this.job = job;
	}

	// The same property and default as CleanupProperties.interval; Spring reads "10m" here too.
	@Scheduled(fixedDelayString = "${auth.cleanup.interval:10m}",
			initialDelayString = "${auth.cleanup.initial-delay:${auth.cleanup.interval:10m}}")
	void runCleanup() {
		job.run();
	}

}
