package dev.smsauth.login;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on failed sign-ins, counted in the database across nodes.
 *
 * @param window the counting window for the per-IP and per-account-and-IP limits
 * @param maxFailuresPerAccountAndIp failures one IP may make on one account per window; then that IP
 * is locked out of that account until the window ends (the owner, elsewhere, is not)
 * @param delayAfterFailures failures on one account from one IP after which each further try must
 * wait, doubling from {@code delayBase} up to {@code delayMax} (progressive delay)
 * @param maxFailuresPerIp failures one IP may make across all accounts per window (password spraying)
 * @param maxFailuresPerAccountPerHour failures on one account from all IPs per hour; then the account is
 * locked until the hour ends. The lock does not extend itself: it ends with its window whatever the
 * attacker does, so the owner is never locked out for longer than that
 */
@ConfigurationProperties("auth.signin")
public record SignInLimitsProperties(@DefaultValue("15m") Duration window,
		@DefaultValue("5") int maxFailuresPerAccountAndIp, @DefaultValue("3") int delayAfterFailures,
		@DefaultValue("1s") Duration delayBase, @DefaultValue("30s") Duration delayMax,
		@DefaultValue("30") int maxFailuresPerIp, @DefaultValue("100") int maxFailuresPerAccountPerHour) {
}
