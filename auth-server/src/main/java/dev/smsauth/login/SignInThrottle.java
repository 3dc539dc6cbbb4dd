package dev.smsauth.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import dev.smsauth.limits.RateLimiter;
import dev.smsauth.user.PhoneNumbers;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Password guessing limits: per account and IP (with a progressive delay, then a lock for that
 * IP only), per IP across accounts, and per account across IPs. Accounts are keyed by what was
 * typed, normalised and hashed, so unknown and known identifiers are treated alike (no account
 * enumeration) and no typed text is stored.
 */
@Component
@EnableConfigurationProperties(SignInLimitsProperties.class)
class SignInThrottle {

	private static final Duration HOUR = Duration.ofHours(1);

	private final RateLimiter limiter;

	private final SignInLimitsProperties limits;

	SignInThrottle(RateLimiter limiter, SignInLimitsProperties limits) {
		this.limiter = limiter;
		this.limits = limits;
	}

	/**
	 * Reserves this attempt as a failure in all three limits before the password is checked, or
	 * says how long it must wait. Reserving first is what makes the limits hold against parallel
	 * guesses: of fifty attempts fired at once only as many reach the password hash as there are
	 * slots left. The caller gives the slot back when the password was right ({@link #succeeded}).
	 */
	Attempt reserve(String identifier, String ip) {
		String account = accountKey(identifier);
		RateLimiter.Reservation reservation = limiter.reserve(
				pairLimit(account, ip).withSpacing(this::delay),
				RateLimiter.Limit.of("signin:ip:" + ip, limits.maxFailuresPerIp(), limits.window()),
				RateLimiter.Limit.of("signin:acct:" + account, limits.maxFailuresPerAccountPerHour(), HOUR));
		return new Attempt(account, ip, reservation);
	}

	/** The right password: the attempt was no failure, and it clears this IP's delay on this account. */
	void succeeded(Attempt attempt) {
		// One transaction, and the pair's lock row kept for its next attempt (docs/performance.md).
		limiter.releaseAndForget(attempt.reservation(), pairLimit(attempt.account(), attempt.ip()));
	}

	private RateLimiter.Limit pairLimit(String account, String ip) {
		return RateLimiter.Limit.of("signin:acct-ip:" + account + "|" + ip, limits.maxFailuresPerAccountAndIp(), limits.window());
	}

	/** One sign-in attempt's place in the limits; {@code reservation} is refused when it may not go ahead. */
	record Attempt(String account, String ip, RateLimiter.Reservation reservation) {

		Optional<Duration> refusal() {
			return reservation.granted() ? Optional.empty() : Optional.of(reservation.retryAfter());
		}

	}

	/** No wait before the {@code delayAfterFailures}-th failure, then one that doubles up to the maximum. */
	private Duration delay(int failures) {
		if (failures < limits.delayAfterFailures()) {
			return Duration.ZERO;
		}
		int doublings = Math.min(20, failures - limits.delayAfterFailures());
		Duration delay = limits.delayBase().multipliedBy(1L << doublings);
		return delay.compareTo(limits.delayMax()) > 0 ? limits.delayMax() : delay;
	}

	static String accountKey(String identifier) {
		String trimmed = identifier == null ? "" : identifier.strip();
		String normalised = PhoneNumbers.looksLikePhoneNumber(trimmed)
				? PhoneNumbers.normalise(trimmed).orElse(trimmed) : trimmed.toLowerCase(Locale.ROOT);
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
