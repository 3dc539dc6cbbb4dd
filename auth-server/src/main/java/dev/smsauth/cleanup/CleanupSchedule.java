package dev.smsauth.cleanup;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs {@link CleanupJob} every {@code auth.cleanup.interval} on this node, unless
 * {@code auth.cleanup.enabled=false}. The first run waits one interval, so a fleet being restarted
 * does not hit the database at once, and tests are never raced by a run at start-up.
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
	@Scheduled(fixedDelayString = "${auth.cleanup.interval:10m}", initialDelayString = "${auth.cleanup.interval:10m}")
	void runCleanup() {
		job.run();
	}

}
