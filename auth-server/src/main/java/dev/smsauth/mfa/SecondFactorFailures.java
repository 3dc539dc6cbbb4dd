package dev.smsauth.mfa;

import java.time.Duration;

import dev.smsauth.limits.RateLimiter;

import org.springframework.stereotype.Component;

/**
 * One hourly budget of wrong second-factor codes per account, shared by every factor (SMS codes,
 * authenticator-app codes), so switching factor does not buy an attacker more guesses
 * (../shared/SECURITY.md SMS 5). A try takes its slot before the code is compared and gives it
 * back when the code was right: fifty guesses fired at once get exactly as many comparisons as the
 * budget has slots left, on every node.
 */
@Component
public class SecondFactorFailures {

	private static final Duration HOUR = Duration.ofHours(1);

	private final RateLimiter limiter;

	SecondFactorFailures(RateLimiter limiter) {
		this.limiter = limiter;
	}

	/** A slot for one try, or a refused reservation when {@code maxPerHour} wrong codes were already entered. */
	public RateLimiter.Reservation reserveTry(String userId, int maxPerHour) {
		return limiter.reserve(RateLimiter.Limit.of(bucket(userId), maxPerHour, HOUR));
	}

	/** The code was right (or never compared): the try was no failure. */
	public void notAFailure(RateLimiter.Reservation reservation) {
		limiter.release(reservation);
	}

	public boolean spent(String userId, int maxPerHour) {
		return limiter.count(bucket(userId), HOUR) >= maxPerHour;
	}

	private static String bucket(String userId) {
		return "mfa:fail:" + userId;
	}

}
