package dev.smsauth.mfa.totp;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The authenticator-app factor (README, "Authenticator app").
 *
 * @param issuer the name authenticator apps show above the code (the {@code issuer} of the
 * {@code otpauth://} link)
 * @param maxWrongPerSignIn wrong codes one sign-in may type before it must start over (the
 * account's hourly budget, {@code auth.sms.max-failures-per-hour}, is shared with SMS and counts too)
 * @param freshSignIn how recent the password must be to add or remove an authenticator app
 */
@ConfigurationProperties("auth.totp")
public record TotpProperties(@DefaultValue("Secure sign-in") String issuer, @DefaultValue("5") int maxWrongPerSignIn,
		@DefaultValue("5m") Duration freshSignIn) {

	public TotpProperties {
		if (issuer == null || issuer.isBlank() || issuer.contains(":")) {
			throw new IllegalArgumentException("auth.totp.issuer must be set and must not contain ':'");
		}
		if (maxWrongPerSignIn < 1 || maxWrongPerSignIn > 10) {
			throw new IllegalArgumentException("auth.totp.max-wrong-per-sign-in must be between 1 and 10");
		}
		if (freshSignIn.isNegative() || freshSignIn.isZero() || freshSignIn.compareTo(Duration.ofHours(1)) > 0) {
			throw new IllegalArgumentException("auth.totp.fresh-sign-in must be more than 0 and at most 1 hour");
		}
	}

}
