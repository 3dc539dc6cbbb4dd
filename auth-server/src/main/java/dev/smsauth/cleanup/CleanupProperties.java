package dev.smsauth.cleanup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The clean-up job's schedule and how long rows are kept. Audit rows have their own retention
 * ({@code auth.audit.retention}, {@link dev.smsauth.audit.AuditProperties}).
 *
 * @param enabled whether this node runs the job at all (every node may: see {@link CleanupJob})
 * @param interval the pause between the end of one run and the start of the next
 * @param batchSize rows per DELETE statement; each batch is its own short transaction. Small, so that
 * one batch dirties few pages at once: a dead grant is ~10 KiB of row and blob pages plus an entry in
 * each of its seven indexes, so 500 of them dirtied about half of MariaDB's default 128 MiB buffer
 * pool in one statement (docs/performance.md, "At a million users: a reduced size")
 * @param pauseFactor after each batch the job pauses this many times as long as the batch took (a
 * duty cycle: 4 means it works at most a fifth of the time), so a backlog is deleted at a pace the
 * database absorbs while sign-ins go on, and slower when the database is busy (batches take longer);
 * 0 runs the batches back to back
 * @param maxRunTime a run stops after this long, pauses included, even with rows left; the next run
 * continues. Tables take turns batch by batch, so a long backlog in one never starves the others
 * @param smsChallengeRetention how long SMS challenges are kept after they were created; at least
 * one hour, because the hourly send and failure limits count the last hour's challenges
 * @param smsOutboxRetention how long the dev outbox keeps messages
 * @param refreshTokenHistoryRetention how long rotated-out refresh tokens are remembered for reuse
 * detection; at least the longest refresh-token lifetime (1 day, see
 * {@code ApplicationService.defaultTokenSettings})
 */
@ConfigurationProperties("auth.cleanup")
public record CleanupProperties(@DefaultValue("true") boolean enabled, @DefaultValue("10m") Duration interval,
		@DefaultValue("100") int batchSize, @DefaultValue("4") double pauseFactor, @DefaultValue("5m") Duration maxRunTime,
		@DefaultValue("1d") Duration smsChallengeRetention, @DefaultValue("1d") Duration smsOutboxRetention,
		@DefaultValue("2d") Duration refreshTokenHistoryRetention) {

	/** More would mean a run that barely works; a pause is never longer than this times its batch. */
	static final double MAX_PAUSE_FACTOR = 100;

	private static final Duration HOURLY_LIMITS_WINDOW = Duration.ofHours(1);

	private static final Duration LONGEST_REFRESH_TOKEN_LIFETIME = Duration.ofDays(1);

	public CleanupProperties {
		if (!isPositive(interval)) {
			throw new IllegalArgumentException("auth.cleanup.interval must be more than 0");
		}
		if (batchSize < 1 || batchSize > 10_000) {
			throw new IllegalArgumentException("auth.cleanup.batch-size must be between 1 and 10000");
		}
		// NaN fails both comparisons, so it is refused too.
		if (!(pauseFactor >= 0 && pauseFactor <= MAX_PAUSE_FACTOR)) {
			throw new IllegalArgumentException("auth.cleanup.pause-factor must be between 0 and 100");
		}
		if (!isPositive(maxRunTime)) {
			throw new IllegalArgumentException("auth.cleanup.max-run-time must be more than 0");
		}
		// Deleting younger challenges would reset the hourly limits (SECURITY.md, SMS 5, 6 and 10).
		if (smsChallengeRetention.compareTo(HOURLY_LIMITS_WINDOW) < 0) {
			throw new IllegalArgumentException("auth.cleanup.sms-challenge-retention must be at least 1h: "
					+ "the hourly SMS limits count the last hour's challenges");
		}
		if (!isPositive(smsOutboxRetention)) {
			throw new IllegalArgumentException("auth.cleanup.sms-outbox-retention must be more than 0");
		}
		// Forgetting a rotated-out token while it could still be presented would hide a theft.
		if (refreshTokenHistoryRetention.compareTo(LONGEST_REFRESH_TOKEN_LIFETIME) < 0) {
			throw new IllegalArgumentException("auth.cleanup.refresh-token-history-retention must be at least "
					+ "the refresh-token lifetime (1d)");
		}
	}

	private static boolean isPositive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

}
