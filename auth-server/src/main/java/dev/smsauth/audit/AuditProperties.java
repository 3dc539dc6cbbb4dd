package dev.smsauth.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention how long audit events are kept; the clean-up job deletes older ones
 */
@ConfigurationProperties("auth.audit")
public record AuditProperties(@DefaultValue("365d") Duration retention) {

	public AuditProperties {
		if (retention.compareTo(Duration.ofDays(1)) < 0) {
			throw new IllegalArgumentException("auth.audit.retention must be at least 1d");
		}
	}

}
