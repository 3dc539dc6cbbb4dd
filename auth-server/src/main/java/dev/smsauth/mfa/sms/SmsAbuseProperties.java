package dev.smsauth.mfa.sms;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Defences against SMS pumping (toll fraud): limits per destination number, per client IP, per
 * destination country calling code and a global hourly budget, plus an allow-list of calling
 * codes. Counted in the database, so the limits hold across nodes.
 *
 * @param allowedCallingCodes calling codes SMS may go to (e.g. 1, 44, 86); empty allows every code
 */
@ConfigurationProperties("auth.sms.abuse")
public record SmsAbuseProperties(@DefaultValue List<String> allowedCallingCodes,
		@DefaultValue("10") int maxPerNumberPerHour, @DefaultValue("20") int maxPerIpPerHour,
		@DefaultValue("200") int maxPerCallingCodePerHour, @DefaultValue("1000") int maxGlobalPerHour) {

	/**
	 * The rate-limit bucket of the global hourly budget: codes and security notices alike, both cost
	 * money. Every limit on it is counted in sub-windows ({@code RateLimiter.Limit.countedInSubWindows}).
	 */
	public static final String GLOBAL_BUDGET_BUCKET = "sms:global";

}
