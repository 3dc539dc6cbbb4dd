package dev.smsauth.device;

import java.time.Instant;

/**
 * One browser of one user, as lists show it; never its token or the token's hash.
 *
 * @param id the row's id (what revocation names)
 * @param userId the account
 * @param browser our short summary of the user agent, e.g. "Chrome on Windows"
 * @param ip the address the last second factor came from
 * @param remembered whether the user ticked "Remember this device" here
 * @param createdAt first second factor in this browser
 * @param lastUsedAt last second factor, or last time the device let the user skip one
 * @param lastSecondFactorAt last second factor proven here
 * @param current whether it is the browser asking (only for the user's own list)
 */
public record Device(String id, String userId, String browser, String ip, boolean remembered, Instant createdAt,
		Instant lastUsedAt, Instant lastSecondFactorAt, boolean current) {
}
