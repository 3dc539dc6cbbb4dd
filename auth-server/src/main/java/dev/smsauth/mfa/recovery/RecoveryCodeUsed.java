package dev.smsauth.mfa.recovery;

import java.time.Instant;

/**
 * Domain event: a recovery code was used as the second factor. The account's number is told
 * (notify): if it was not the holder, someone has the password and a code.
 *
 * @param userId the account
 * @param remaining how many unused codes are left
 * @param at when (application clock)
 */
public record RecoveryCodeUsed(String userId, int remaining, Instant at) {
}
