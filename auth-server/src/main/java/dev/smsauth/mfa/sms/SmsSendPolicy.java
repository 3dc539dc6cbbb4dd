package dev.smsauth.mfa.sms;

import java.time.Duration;
import java.util.Optional;

import dev.smsauth.limits.RateLimiter;
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
 * calling code and the whole server must be under their hourly budgets. When it says no the
 * provider is not called. A send is counted only once the provider took it.
 */
@Component
@EnableConfigurationProperties(SmsAbuseProperties.class)
class SmsSendPolicy {

	private static final Logger log = LoggerFactory.getLogger(SmsSendPolicy.class);

	private static final Duration HOUR = Duration.ofHours(1);

	/** Why a send was refused; the page shows a message per reason. */
	enum Refusal {

		COUNTRY_NOT_ALLOWED, BUDGET_EXHAUSTED

	}

	private final RateLimiter limiter;

	private final SmsAbuseProperties limits;

	SmsSendPolicy(RateLimiter limiter, SmsAbuseProperties limits) {
		this.limiter = limiter;
		this.limits = limits;
	}

	Optional<Refusal> check(String phoneNumber) {
		String callingCode = CallingCodes.callingCodeOf(phoneNumber);
		if (!limits.allowedCallingCodes().isEmpty() && !limits.allowedCallingCodes().contains(callingCode)) {
			log.warn("SMS to calling code +{} refused: not on the allow-list", callingCode);
			return Optional.of(Refusal.COUNTRY_NOT_ALLOWED);
		}
		if (over("sms:number:" + phoneNumber, limits.maxPerNumberPerHour())
				|| over("sms:ip:" + clientIp(), limits.maxPerIpPerHour())
				|| over("sms:cc:" + callingCode, limits.maxPerCallingCodePerHour())
				|| over("sms:global", limits.maxGlobalPerHour())) {
			log.warn("SMS to {} refused by an hourly budget (number, IP, calling code +{} or global)",
					PhoneMasking.mask(phoneNumber), callingCode);
			return Optional.of(Refusal.BUDGET_EXHAUSTED);
		}
		return Optional.empty();
	}

	void sent(String phoneNumber) {
		try {
			limiter.hit("sms:number:" + phoneNumber, HOUR);
			limiter.hit("sms:ip:" + clientIp(), HOUR);
			limiter.hit("sms:cc:" + CallingCodes.callingCodeOf(phoneNumber), HOUR);
			limiter.hit("sms:global", HOUR);
		}
		catch (RuntimeException ex) {
			// The SMS is already on its way; failing the person's request now would only make them
			// press "Send code" again. The budgets are a defence in depth, not the code's security.
			log.warn("Could not count an SMS against the budgets: {}", ex.getMessage());
		}
	}

	private boolean over(String bucket, int max) {
		return limiter.peek(bucket, HOUR).hits() >= max;
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
