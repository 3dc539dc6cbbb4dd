package dev.smsauth.cleanup;

/** How many rows one clean-up run deleted, per table. */
public record CleanupReport(int authorizations, int smsChallenges, int smsOutbox, int refreshTokenHistory,
		int auditEvents, int rateLimitRows, int devices, int smsMessages, int smsMonthlyUsage) {

	/** Without the SMS message records and monthly budget counters. */
	public CleanupReport(int authorizations, int smsChallenges, int smsOutbox, int refreshTokenHistory,
			int auditEvents, int rateLimitRows, int devices) {
		this(authorizations, smsChallenges, smsOutbox, refreshTokenHistory, auditEvents, rateLimitRows, devices, 0, 0);
	}

}
