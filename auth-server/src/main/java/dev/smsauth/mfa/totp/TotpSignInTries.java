package dev.smsauth.mfa.totp;

import java.time.Instant;

import dev.smsauth.limits.RateLimiter;
import dev.smsauth.mfa.Factors;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Wrong authenticator codes typed in one sign-in, counted in the shared limits table rather than
 * the HTTP session: a session attribute is read, changed and written back by each request, so
 * parallel guesses in one session would each see the same count. A try takes its slot before the
 * code is compared. The sign-in is named by its user and password factor's time: signing in again
 * starts a new count, going back to the page does not.
 */
@Component
class TotpSignInTries {

	private final RateLimiter limiter;

	private final TotpProperties properties;

	TotpSignInTries(RateLimiter limiter, TotpProperties properties) {
		this.limiter = limiter;
		this.properties = properties;
	}

	/** A slot for one try in this sign-in, refused once {@code maxWrongPerSignIn} were wrong. */
	RateLimiter.Reservation reserve(Authentication signIn) {
		return limiter.reserve(
				RateLimiter.Limit.of(bucket(signIn), properties.maxWrongPerSignIn(), RateLimiter.LONGEST_WINDOW));
	}

	/** The code was right, or was never compared. */
	void didNotCount(RateLimiter.Reservation slot) {
		limiter.release(slot);
	}

	int wrong(Authentication signIn) {
		return limiter.count(bucket(signIn), RateLimiter.LONGEST_WINDOW);
	}

	boolean usedUp(Authentication signIn) {
		return wrong(signIn) >= properties.maxWrongPerSignIn();
	}

	private static String bucket(Authentication signIn) {
		Instant passwordTime = Factors.passwordTime(signIn);
		return "totp:sign-in:" + signIn.getName() + ":"
				+ (passwordTime == null ? "none" : passwordTime.getEpochSecond() + "." + passwordTime.getNano());
	}

}
