package dev.smsauth.mfa.sms;

import java.time.Duration;

import dev.smsauth.sms.SmsRoutes;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMS step's limits (../shared/SECURITY.md, SMS one-time codes) and provider choice.
 *
 * @param provider {@code outbox} (stores messages in the database; embedded default), {@code vonage} or
 * {@code twilio}: the default route when {@code auth.sms.routes.default} is not set ({@code sms.SmsRoutes})
 * @param codeHmacKey the server secret for the codes' keyed hash; no default outside the embedded profile
 * @param codeTtl how long a code is valid; at most 10 minutes
 * @param maxAttemptsPerCode wrong tries before a code is dead
 * @param resendCooldown minimum time between two codes for one account
 * @param maxSendsPerHour codes one account may be sent per hour
 * @param maxFailuresPerHour wrong codes one account may enter per hour, across codes
 */
@ConfigurationProperties("auth.sms")
public record SmsProperties(@DefaultValue("outbox") String provider, String codeHmacKey,
		@DefaultValue("5m") Duration codeTtl, @DefaultValue("5") int maxAttemptsPerCode,
		@DefaultValue("60s") Duration resendCooldown, @DefaultValue("10") int maxSendsPerHour,
		@DefaultValue("100") int maxFailuresPerHour) {

	public SmsProperties {
		if (!SmsRoutes.KNOWN_PROVIDERS.contains(provider)) {
			throw new IllegalArgumentException(
					"auth.sms.provider must be 'outbox', 'vonage' or 'twilio', not '" + provider + "'");
		}
		if (codeHmacKey == null || codeHmacKey.length() < 32) {
			throw new IllegalArgumentException(
					"auth.sms.code-hmac-key (env AUTH_SMS_CODE_HMAC_KEY) must be set to a random secret of at least 32 characters");
		}
		if (codeTtl.isNegative() || codeTtl.isZero() || codeTtl.compareTo(Duration.ofMinutes(10)) > 0) {
			throw new IllegalArgumentException("auth.sms.code-ttl must be more than 0 and at most 10 minutes");
		}
		if (maxAttemptsPerCode < 1 || maxAttemptsPerCode > 10) {
			throw new IllegalArgumentException("auth.sms.max-attempts-per-code must be between 1 and 10");
		}
	}

	@Override
	public String toString() {
		return "SmsProperties[provider=" + provider + ", codeTtl=" + codeTtl + ", codeHmacKey=<hidden>]";
	}

}
