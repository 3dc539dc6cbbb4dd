package dev.smsauth.login;

import java.time.Duration;

import org.springframework.security.authentication.LockedException;

/**
 * A sign-in refused by a limit before the password was even checked. A {@link LockedException},
 * so the framework publishes it as a "locked" failure and the audit records it as such.
 */
final class SignInThrottledException extends LockedException {

	private final transient Duration retryAfter;

	SignInThrottledException(Duration retryAfter) {
		super("too many failed sign-ins");
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return retryAfter;
	}

}
