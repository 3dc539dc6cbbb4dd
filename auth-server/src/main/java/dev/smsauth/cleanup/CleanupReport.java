package dev.smsauth.cleanup;

/** How many rows one clean-up run deleted, per table. */
public record CleanupReport(int authorizations, int smsChallenges, int smsOutbox, int refreshTokenHistory,
		int auditEvents, int rateLimitRows, int devices) {
}
