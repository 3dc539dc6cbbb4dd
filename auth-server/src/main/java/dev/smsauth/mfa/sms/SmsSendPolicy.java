package dev.smsauth.mfa.sms;

import java.time.Duration;
import java.util.Optional;

import dev.smsauth.audit.PendingAuthorization;
import dev.smsauth.limits.RateLimiter;
import dev.smsauth.sms.budget.SmsMonthlyBudgets;
import dev.smsauth.user.PhoneMasking;
import dev.smsauth.user.CallingCodes;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Decides, before any code is made, whether an SMS may go out at all (../shared/SECURITY.md SMS 9
 * and 10): the destination's calling code must be allowed, and the number, the client IP, the
 * calling code and the whole server must be under their hourly budgets, and the waiting
 * application under its monthly SMS budget, if it has one. When it says no the provider is not
 * called.
 */
@Component
@EnableConfigurationProperties(SmsAbuseProperties.class)
class SmsSendPolicy {

	private static final Logger log = LoggerFactory.getLogger(SmsSendPolicy.class);

	private static final Duration HOUR = Duration.ofHours(1);

	/** Why a send was refused; the page shows a message per reason. */
	enum Refusal {

		ACCOUNT_LIMIT, COUNTRY_NOT_ALLOWED, BUDGET_EXHAUSTED,

		/** The waiting application's monthly SMS budget is spent. */
		MONTHLY_BUDGET

	}

	private final RateLimiter limiter;

	private final SmsAbuseProperties limits;

	private final SmsMonthlyBudgets monthlyBudgets;

	SmsSendPolicy(RateLimiter limiter, SmsAbuseProperties limits, SmsMonthlyBudgets monthlyBudgets) {
		this.limiter = limiter;
		this.limits = limits;
		this.monthlyBudgets = monthlyBudgets;
	}

	/**
	 * Takes one slot in every hourly budget this send is counted in (the account's own, then the
	 * number, the client IP, the calling code and the whole server), before the provider is called;
	 * or says which refused. All or nothing, atomically across nodes, so parallel presses of "Send
	 * code" can not overshoot a budget. The slot stays spent whatever the provider then answers: a
	 * number the provider rejects is not free to retry without end. The waiting application's
	 * monthly budget ({@link SmsMonthlyBudgets}) is taken first, in its own conditional UPDATE, and
	 * given back when an hourly budget then refuses.
	 *
	 * <p>The calling-code and global budgets grow with the whole deployment's SMS volume, so they are
	 * counted in sub-windows (minutes): a send sums at most ~61 rows for each, under the lock every
	 * send in the cluster waits for, and they may refuse up to a minute early, never late. The account,
	 * number and IP budgets stay exact logs: each holds one person's, one number's or one address's
	 * sends (a handful), so their count is already small, and the person told to wait is told exactly.
	 */
	Decision reserve(String userId, int maxSendsPerHour, String phoneNumber) {
		String callingCode = CallingCodes.callingCodeOf(phoneNumber);
		if (!limits.allowedCallingCodes().isEmpty() && !limits.allowedCallingCodes().contains(callingCode)) {
			log.warn("SMS to calling code +{} refused: not on the allow-list", callingCode);
			return Decision.refused(Refusal.COUNTRY_NOT_ALLOWED);
		}
		SmsMonthlyBudgets.Slot monthly = monthlyBudgets.take(PendingAuthorization.clientId());
		if (monthly.refused()) {
			return Decision.refused(Refusal.MONTHLY_BUDGET);
		}
		String account = "sms:account:" + userId;
		RateLimiter.Reservation reservation = limiter.reserve(
				// The account's own limit first, so a person hears about their own limit first.
				RateLimiter.Limit.of(account, maxSendsPerHour, HOUR),
				RateLimiter.Limit.of("sms:number:" + phoneNumber, limits.maxPerNumberPerHour(), HOUR),
				RateLimiter.Limit.of("sms:ip:" + clientIp(), limits.maxPerIpPerHour(), HOUR),
				RateLimiter.Limit.of("sms:cc:" + callingCode, limits.maxPerCallingCodePerHour(), HOUR).countedInSubWindows(),
				RateLimiter.Limit.of(SmsAbuseProperties.GLOBAL_BUDGET_BUCKET, limits.maxGlobalPerHour(), HOUR)
					.countedInSubWindows());
		if (reservation.granted()) {
			return new Decision(Optional.empty());
		}
		monthlyBudgets.giveBack(monthly);
		if (account.equals(reservation.refusedBy().bucket())) {
			return Decision.refused(Refusal.ACCOUNT_LIMIT);
		}
		log.warn("SMS to {} refused by an hourly budget (number, IP, calling code +{} or global)",
				PhoneMasking.mask(phoneNumber), callingCode);
		return Decision.refused(Refusal.BUDGET_EXHAUSTED);
	}

	/** Empty refusal: the send may go ahead and its slots are taken. */
	record Decision(Optional<Refusal> refusal) {

		static Decision refused(Refusal refusal) {
			return new Decision(Optional.of(refusal));
		}

	}

	/** The peer address as the server sees it; forwarded headers count only if the operator enabled them. */
	private static String clientIp() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return "none";
	}

}
