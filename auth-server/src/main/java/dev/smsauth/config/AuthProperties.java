package dev.smsauth.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Server-wide settings.
 *
 * @param issuer the issuer identifier; blank means "derive it from the request", which is what
 * tests on random ports want. Production sets it (env {@code ISSUER}).
 * @param bootstrap the management client created at start-up, if any
 * @param seedDemoData whether to create the demo application and demo user (embedded default only)
 */
@ConfigurationProperties("auth")
public record AuthProperties(String issuer, @DefaultValue Bootstrap bootstrap,
		@DefaultValue("false") boolean seedDemoData) {

	/**
	 * @param managementClientId the client_credentials client that may call the management API
	 * @param managementClientSecret its secret; no default outside the embedded profile, and the
	 * embedded default is refused anywhere else
	 */
	public record Bootstrap(@DefaultValue("management-cli") String managementClientId, String managementClientSecret) {
	}

}
