package dev.smsauth.observability;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security would wrap every filter of every chain, and every authentication and
 * authorization decision, in an observation of its own: some twenty per token request, measured at
 * several percent of a client_credentials grant's CPU (docs/performance.md). The request-level
 * observation ({@code http.server.requests}) and the product's own counters say what operators
 * need; the per-filter ones are switched off.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservationConfig {

	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

}
