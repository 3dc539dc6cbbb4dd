package dev.smsauth.mfa.sms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.smsauth.mfa.Factors;
import dev.smsauth.mfa.SecondFactorPolicy;
import dev.smsauth.user.UserAccount;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * What binding a new SMS authenticator asks of the session (../shared/SECURITY.md SMS 11): a
 * password factor proven within the last {@link #MAX_AGE}, so a forgotten or stolen older session
 * can not do it, and, when the account has a number or an authenticator app, a second factor with
 * it, so the password alone can not move the second factor elsewhere.
 */
@Component
class RecentSignIn {

	static final Duration MAX_AGE = Duration.ofMinutes(5);

	private final Clock clock;

	private final SecondFactorPolicy secondFactors;

	RecentSignIn(Clock clock, SecondFactorPolicy secondFactors) {
		this.clock = clock;
		this.secondFactors = secondFactors;
	}

	/**
	 * The page the person must pass first ({@code /login} or {@code /mfa/sms}), or null when this
	 * session may go on. {@code fresh} false skips the age check (a change already under way).
	 */
	String missingStep(Authentication authentication, UserAccount user, boolean fresh) {
		if (fresh && !passwordIsFresh(authentication)) {
			return "/login";
		}
		return secondFactors.beforeAccountChange(authentication, user).orElse(null);
	}

	private boolean passwordIsFresh(Authentication authentication) {
		Instant proven = Factors.passwordTime(authentication);
		return proven != null && !proven.plus(MAX_AGE).isBefore(clock.instant());
	}

}
