package dev.smsauth.key;

import java.util.concurrent.TimeUnit;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * {@code auth.keys.rotate-every}: every node checks every few minutes and rotates when the newest
 * key is older than that. Several nodes may find it due at the same moment; the unique NEXT marker
 * (see {@link SigningKeyRepository}) lets only one of them add a key.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(prefix = "auth.keys", name = "rotate-every")
class ScheduledRotation {

	private final KeyRotation rotation;

	private final SigningKeyProperties properties;

	ScheduledRotation(KeyRotation rotation, SigningKeyProperties properties) {
		this.rotation = rotation;
		this.properties = properties;
	}

	@Scheduled(initialDelay = 5, fixedDelay = 5, timeUnit = TimeUnit.MINUTES)
	void rotateIfDue() {
		rotation.rotateIfOlderThan(properties.rotateEvery());
	}

}
