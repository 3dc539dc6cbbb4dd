package dev.smsauth.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param lastAccessWriteInterval how stale a session's stored last-access time may be before a
 * request writes it again (LastAccessWrittenSparingly); {@code 0s} writes it at every request, as
 * Spring Session does. A session then expires up to this much before its idle timeout
 * ({@code server.servlet.session.timeout}), so it must be far smaller than that.
 */
@ConfigurationProperties("auth.sessions")
public record SessionProperties(@DefaultValue("60s") Duration lastAccessWriteInterval) {

	public SessionProperties {
		if (lastAccessWriteInterval.isNegative() || lastAccessWriteInterval.compareTo(Duration.ofMinutes(5)) > 0) {
			throw new IllegalArgumentException("auth.sessions.last-access-write-interval must be between 0s and 5m");
		}
	}

}
