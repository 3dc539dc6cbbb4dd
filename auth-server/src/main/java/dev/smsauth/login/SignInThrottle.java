package dev.smsauth.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

	private final Clock clock;

	SignInThrottle(RateLimiter limiter, SignInLimitsProperties limits, Clock clock) {
		this.limiter = limiter;
		this.limits = limits;
		this.clock = clock;
	}

	/** How long this attempt must wait, or empty when it may go ahead. */
	Optional<Duration> refusal(String identifier, String ip) {
		Instant now = clock.instant();
		String account = accountKey(identifier);
		RateLimiter.Window pair = limiter.peek("signin:acct-ip:" + account + "|" + ip, limits.window());
		if (pair.hits() >= limits.maxFailuresPerAccountAndIp()) {
			return Optional.of(untilEnd(pair, limits.window(), now));
		}
		if (pair.hits() >= limits.delayAfterFailures() && pair.lastHit() != null) {
			Instant next = pair.lastHit().plus(delay(pair.hits()));
			if (next.isAfter(now)) {
				return Optional.of(Duration.between(now, next));
			}
		}
		RateLimiter.Window perIp = limiter.peek("signin:ip:" + ip, limits.window());
		if (perIp.hits() >= limits.maxFailuresPerIp()) {
			return Optional.of(untilEnd(perIp, limits.window(), now));
		}
		RateLimiter.Window perAccount = limiter.peek("signin:acct:" + account, HOUR);
		if (perAccount.hits() >= limits.maxFailuresPerAccountPerHour()) {
			return Optional.of(untilEnd(perAccount, HOUR, now));
		}
		return Optional.empty();
	}

	void failed(String identifier, String ip) {
		String account = accountKey(identifier);
		limiter.hit("signin:acct-ip:" + account + "|" + ip, limits.window());
		limiter.hit("signin:ip:" + ip, limits.window());
		limiter.hit("signin:acct:" + account, HOUR);
	}

	/** The right password from this IP clears its delay on this account. */
	void succeeded(String identifier, String ip) {
		limiter.reset("signin:acct-ip:" + accountKey(identifier) + "|" + ip);
	}

	private Duration delay(int failures) {
		int doublings = Math.min(20, failures - limits.delayAfterFailures());
		Duration delay = limits.delayBase().multipliedBy(1L << doublings);
		return delay.compareTo(limits.delayMax()) > 0 ? limits.delayMax() : delay;
	}

	private static Duration untilEnd(RateLimiter.Window window, Duration size, Instant now) {
		Duration left = Duration.between(now, window.start().plus(size));
		return left.isNegative() ? Duration.ZERO : left;
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
