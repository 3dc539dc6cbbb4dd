package dev.smsauth.notify;

import java.time.Duration;
import java.util.Optional;

import dev.smsauth.limits.RateLimiter;
import dev.smsauth.mfa.sms.CallingCodes;
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

	// The same bucket SmsSendPolicy counts codes in: notices cost the same money.
	private static final String GLOBAL = "sms:global";

	private final RateLimiter limiter;

	private final SmsAbuseProperties abuse;

	private final NoticeProperties properties;

	NoticeBudget(RateLimiter limiter, SmsAbuseProperties abuse, NoticeProperties properties) {
		this.limiter = limiter;
		this.abuse = abuse;
		this.properties = properties;
	}

	/** Why a notice to {@code number} may not go out now, or empty when it may. */
	Optional<String> refusal(String number) {
		String callingCode = CallingCodes.callingCodeOf(number);
		if (!abuse.allowedCallingCodes().isEmpty() && !abuse.allowedCallingCodes().contains(callingCode)) {
			return Optional.of("calling code not allowed");
		}
		if (limiter.peek(numberBucket(number), HOUR).hits() >= properties.maxPerNumberPerHour()) {
			return Optional.of("number budget spent");
		}
		if (limiter.peek(GLOBAL, HOUR).hits() >= abuse.maxGlobalPerHour()) {
			return Optional.of("global budget spent");
		}
		return Optional.empty();
	}

	/** Counts a notice the provider took. */
	void spent(String number) {
		limiter.hit(numberBucket(number), HOUR);
		limiter.hit(GLOBAL, HOUR);
	}

	/**
	 * True for the first repeated-failures notice of an account in any rolling hour, on any node;
	 * false for the rest of that hour.
	 */
	boolean firstFailureNoticeThisHour(String userId) {
		return limiter.claim("notice:code-failures:" + userId, HOUR);
	}

	private static String numberBucket(String number) {
		return "notice:number:" + number;
	}

}
