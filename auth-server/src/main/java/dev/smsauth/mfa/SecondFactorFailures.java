package dev.smsauth.mfa;

import java.time.Duration;

import dev.smsauth.limits.RateLimiter;

import org.springframework.stereotype.Component;

/**
 * Wrong authenticator-app codes per account, counted in the shared {@link RateLimiter} table (one
 * hour window) so every node sees them. The SMS step adds them to its own wrong codes (kept per
 * challenge in {@code sms_challenge}): both factors draw on one budget of failures per account per
 * hour, so switching factor does not buy an attacker more guesses.
 */
@Component
public class SecondFactorFailures {

	private static final Duration HOUR = Duration.ofHours(1);

	private final RateLimiter limiter;

	SecondFactorFailures(RateLimiter limiter) {
		this.limiter = limiter;
	}

	public void authenticatorCodeWrong(String userId) {
		limiter.hit(bucket(userId), HOUR);
	}

	public int authenticatorFailures(String userId) {
		return limiter.peek(bucket(userId), HOUR).hits();
	}

	private static String bucket(String userId) {
		return "mfa:totp-fail:" + userId;
	}

}
