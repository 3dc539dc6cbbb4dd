package dev.smsauth.mfa.sms;

/**
 * Domain event: someone who passed the password of {@code userId} keeps typing wrong SMS codes,
 * i.e. a code died of wrong tries or the account reached its hourly failure budget. The account
 * holder may be told (notify package); the person at the page learns nothing from it.
 *
 * @param userId the account
 * @param reason a short, non-secret description for the audit trail
 */
public record RepeatedCodeFailures(String userId, String reason) {
}
