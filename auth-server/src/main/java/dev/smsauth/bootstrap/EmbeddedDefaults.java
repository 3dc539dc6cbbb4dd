package dev.smsauth.bootstrap;

import java.util.ArrayList;
import java.util.List;

import dev.smsauth.config.AuthProperties;
import dev.smsauth.mfa.sms.SmsProperties;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Secrets that ship in application-default.yml so the product starts with one command. They are
 * public knowledge, so any profile other than the embedded default refuses to start with them.
 */
@Component
class EmbeddedDefaults {

	static final String MANAGEMENT_SECRET = "management-secret";

	static final String SMS_HMAC_KEY_PREFIX = "embedded-default-only";

	private final Environment environment;

	EmbeddedDefaults(Environment environment, AuthProperties auth, SmsProperties sms) {
		this.environment = environment;
		if (!isEmbeddedProfile()) {
			List<String> offending = new ArrayList<>();
			if (MANAGEMENT_SECRET.equals(auth.bootstrap().managementClientSecret())) {
				offending.add("auth.bootstrap.management-client-secret (env MANAGEMENT_CLIENT_SECRET)");
			}
			if (sms.codeHmacKey().startsWith(SMS_HMAC_KEY_PREFIX)) {
				offending.add("auth.sms.code-hmac-key (env AUTH_SMS_CODE_HMAC_KEY)");
			}
			if (!offending.isEmpty()) {
				throw new IllegalStateException("Refusing to start: the embedded default value of " + offending
						+ " is public and only allowed in the embedded default profile. Set your own secret.");
			}
		}
	}

	/** True when no profile is active, i.e. the embedded default (H2, outbox SMS, demo data). */
	boolean isEmbeddedProfile() {
		return environment.getActiveProfiles().length == 0;
	}

}
