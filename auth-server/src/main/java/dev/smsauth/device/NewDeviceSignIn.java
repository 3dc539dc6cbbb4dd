package dev.smsauth.device;

import java.time.Instant;

/**
 * Domain event: a second factor was proven in a browser that had never completed one for this
 * user, while the user already had at least one other known device. The account's number is told
 * (notify); the very first device of an account is not news.
 *
 * @param userId the account
 * @param browser our summary of the browser, e.g. "Firefox on Linux"
 * @param at when (application clock)
 */
public record NewDeviceSignIn(String userId, String browser, Instant at) {
}
