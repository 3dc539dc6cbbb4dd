package dev.smsauth.notify;

import java.time.Duration;
import java.util.Optional;

import dev.smsauth.limits.RateLimiter;
import dev.smsauth.user.CallingCodes;
import dev.smsauth.mfa.sms.SmsAbuseProperties;

import org.springframework.stereotype.Component;

/**
 * The SMS-pumping defences that make sense for notices (../shared/SECURITY.md SMS 10): the
 * calling-code allow-list and the global hourly budget shared with the codes, plus a per-number
 * cap of their own. Per-IP and per-account code budgets do not apply: a notice goes to a number
 * already on (or just taken off) an account, never to one a visitor typed. Counted in the
 * database, so the limits hold across nodes.
 */
@Component
class NoticeBudget {

	private static final Duration HOUR = Duration.ofHours(1);

	private final RateLimiter limiter;

	private final SmsAbuseProperties abuse;

	private final NoticeProperties properties;

	NoticeBudget(RateLimiter limiter, SmsAbuseProperties abuse, NoticeProperties properties) {
		this.limiter = limiter;
		this.abuse = abuse;
		this.properties = properties;
	}

	/**
	 * Takes a slot for one notice to {@code number} in its per-number cap and the global budget,
	 * atomically on every node, before the provider is called; or says why it may not go out.
	 */
	Optional<String> reserve(String number) {
		String callingCode = CallingCodes.callingCodeOf(number);
		if (!abuse.allowedCallingCodes().isEmpty() && !abuse.allowedCallingCodes().contains(callingCode)) {
			return Optional.of("calling code not allowed");
		}
		String numberBucket = "notice:number:" + number;
		RateLimiter.Reservation reservation = limiter.reserve(
				RateLimiter.Limit.of(numberBucket, properties.maxPerNumberPerHour(), HOUR),
				// Counted in sub-windows, as the codes count it (one bucket, one way of counting).
				RateLimiter.Limit.of(SmsAbuseProperties.GLOBAL_BUDGET_BUCKET, abuse.maxGlobalPerHour(), HOUR)
					.countedInSubWindows());
		if (reservation.granted()) {
			return Optional.empty();
		}
		return Optional.of(numberBucket.equals(reservation.refusedBy().bucket()) ? "number budget spent"
				: "global budget spent");
	}

	/**
	 * True for the first repeated-failures notice of an account in any rolling hour, on any node;
	 * false for the rest of that hour.
	 */
	boolean firstFailureNoticeThisHour(String userId) {
		return limiter.claim("notice:code-failures:" + userId, HOUR).granted();
	}

}
