package dev.smsauth.bootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import dev.smsauth.config.AuthProperties;
import dev.smsauth.key.SigningKeyProperties;
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

	/** Base64 of the 32 ASCII bytes {@code embedded-default-only-kek-012345}. */
	static final String KEY_ENCRYPTION_KEY = "ZW1iZWRkZWQtZGVmYXVsdC1vbmx5LWtlay0wMTIzNDU=";

	private final Environment environment;

	EmbeddedDefaults(Environment environment, AuthProperties auth, SmsProperties sms, SigningKeyProperties keys) {
		this.environment = environment;
		if (!isEmbeddedProfile()) {
			List<String> offending = new ArrayList<>();
			if (MANAGEMENT_SECRET.equals(auth.bootstrap().managementClientSecret())) {
				offending.add("auth.bootstrap.management-client-secret (env MANAGEMENT_CLIENT_SECRET)");
			}
			if (sms.codeHmacKey().startsWith(SMS_HMAC_KEY_PREFIX)) {
				offending.add("auth.sms.code-hmac-key (env AUTH_SMS_CODE_HMAC_KEY)");
			}
			if (isEmbeddedKeyEncryptionKey(keys.encryptionKey())) {
				offending.add("auth.keys.encryption-key (env AUTH_KEYS_ENCRYPTION_KEY)");
			}
			if (!offending.isEmpty()) {
				throw new IllegalStateException("Refusing to start: the embedded default value of " + offending
						+ " is public and only allowed in the embedded default profile. Set your own secret.");
			}
			if (keys.encryptionKey() == null || keys.encryptionKey().isBlank()) {
				throw new IllegalStateException("Refusing to start: auth.keys.encryption-key (env AUTH_KEYS_ENCRYPTION_KEY) "
						+ "is not set. Set it to the base64 of 32 random bytes (openssl rand -base64 32) and keep it: "
						+ "the signing keys are stored encrypted with it.");
			}
		}
	}

	/** Compared as bytes, so another spelling of the same base64 is refused too. */
	private static boolean isEmbeddedKeyEncryptionKey(String value) {
		if (value == null || value.isBlank()) {
			return false;
		}
		try {
			return Arrays.equals(Base64.getDecoder().decode(value.strip()), Base64.getDecoder().decode(KEY_ENCRYPTION_KEY));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** True when no profile is active, i.e. the embedded default (H2, outbox SMS, demo data). */
	boolean isEmbeddedProfile() {
		return environment.getActiveProfiles().length == 0;
	}

}
