package dev.smsauth.cleanup;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.smsauth.audit.AuditProperties;
import dev.smsauth.device.DeviceProperties;
import dev.smsauth.limits.RateLimiter;
import dev.smsauth.sms.SmsMessagesProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes rows that no longer serve any purpose: grants whose every token has expired, SMS
 * challenges and outbox messages past their retention, rotated-out refresh tokens older than any
 * refresh token can live, audit events past {@code auth.audit.retention}, and devices unused for
 * {@code auth.devices.unused-retention}. HTTP sessions are not
 * here: Spring Session JDBC deletes expired ones itself ({@code spring.session.jdbc.cleanup-cron}).
 *
 * <p>Safe with several nodes without a lock: every node may run it at the same time, because
 * deleting expired rows is idempotent; two runs at once only repeat work (a row deleted by one is
 * simply not found by the other). Times come from the application's {@link Clock}.
 *
 * <p>Paced, so that a backlog does not crowd out sign-ins: small batches, a pause after each in
 * proportion to its time ({@code auth.cleanup.pause-factor}), a bounded run
 * ({@code auth.cleanup.max-run-time}), tables taking turns ({@link Pacing}).
 */
@Component
public class CleanupJob {

	private static final Logger log = LoggerFactory.getLogger(CleanupJob.class);

	/**
	 * A grant goes only when every token it holds has expired: a live refresh token keeps it. A token
	 * column with a value but no expiry counts as live. A row that never held any token (a consent
	 * page still open) has no time to judge it by and stays. Consents live in another table
	 * ({@code oauth2_authorization_consent}) and are never touched.
	 */
	static final String EVERY_TOKEN_ENDED = "(authorization_code_value IS NOT NULL OR access_token_value IS NOT NULL"
			+ " OR refresh_token_value IS NOT NULL OR oidc_id_token_value IS NOT NULL"
			+ " OR user_code_value IS NOT NULL OR device_code_value IS NOT NULL)"
			+ " AND (authorization_code_value IS NULL OR authorization_code_expires_at < :cutoff)"
			+ " AND (access_token_value IS NULL OR access_token_expires_at < :cutoff)"
			+ " AND (refresh_token_value IS NULL OR refresh_token_expires_at < :cutoff)"
			+ " AND (oidc_id_token_value IS NULL OR oidc_id_token_expires_at < :cutoff)"
			+ " AND (user_code_value IS NULL OR user_code_expires_at < :cutoff)"
			+ " AND (device_code_value IS NULL OR device_code_expires_at < :cutoff)";

	/**
	 * Dead grants are found through the index on {@code purge_after} (the latest expiry of the
	 * grant's tokens, written on every save; migration V21), oldest first: the batch's key query reads
	 * that index alone (its entries hold the primary key), never a row. The DELETE then checks
	 * {@link #EVERY_TOKEN_ENDED} on each of those rows as well: the column is a summary, and a row whose
	 * summary is wrong (written by hand, or by a node of an older version during a rolling upgrade)
	 * must not lose a live token; such a row is kept and the batches walk on past it. A row without a
	 * {@code purge_after} (nothing to judge by) is never purged.
	 */
	static final ExpiredRows AUTHORIZATIONS = new ExpiredRows("oauth2_authorization", "id",
			"purge_after < :cutoff AND " + EVERY_TOKEN_ENDED, "purge_after < :cutoff", "purge_after");

	static final ExpiredRows SMS_CHALLENGES = new ExpiredRows("sms_challenge", "id", "created_at < :cutoff");

	static final ExpiredRows SMS_OUTBOX = new ExpiredRows("sms_outbox", "id", "sent_at < :cutoff");

	static final ExpiredRows REFRESH_TOKEN_HISTORY = new ExpiredRows("refresh_token_history", "token_hash",
			"rotated_at < :cutoff");

	/** Counted acts older than the longest limit window count in no limit any more. */
	static final ExpiredRows RATE_LIMIT_HITS = new ExpiredRows("rate_limit_hit", "id", "hit_at < :cutoff");

	/**
	 * Sub-window counts that no check sums any more (older than the longest window and its
	 * sub-window). Keyed by bucket, as the lock rows: the batch's buckets come from the index on
	 * {@code starts_at}, and the DELETE takes every old row of those buckets by the primary key
	 * (bucket, starts_at), so a batch may delete more rows than it selected: at most the old
	 * sub-windows of its buckets (a handful per bucket when the job runs every few minutes).
	 */
	static final ExpiredRows RATE_LIMIT_SUB_WINDOWS = new ExpiredRows("rate_limit_sub_window", "bucket",
			"starts_at < :cutoff");

	/**
	 * Claims and bucket lock rows older than the longest window guard nothing any more; a bucket in
	 * use gets its lock row back on its next reservation.
	 */
	static final ExpiredRows RATE_LIMIT_COUNTERS = new ExpiredRows("rate_limit_counter", "bucket",
			"window_start < :cutoff");

	/**
	 * Devices not used for {@code auth.devices.unused-retention} (longer than their cookie lives).
	 * Revoked devices need no clean-up: revocation deletes the row at once.
	 */
	static final ExpiredRows DEVICES = new ExpiredRows("user_device", "id", "last_used_at < :cutoff");

	/** Message records past {@code auth.sms.messages.retention}; their parts go with them (foreign key). */
	static final ExpiredRows SMS_MESSAGES = new ExpiredRows("sms_message", "id", "created_at < :cutoff");

	/**
	 * Monthly SMS budget counters of months that ended more than a year ago (the current month and
	 * the twelve before it stay, for the console). Keyed by month: a batch removes whole months.
	 */
	static final ExpiredRows SMS_MONTHLY_USAGE = new ExpiredRows("sms_monthly_usage", "month_start",
			"month_start < :cutoff");

	/** How many whole months of budget counters are kept before the current one. */
	static final int SMS_MONTHLY_USAGE_MONTHS = 13;

	static final ExpiredRows AUDIT_EVENTS = new ExpiredRows("audit_event", "id", "occurred_at < :cutoff");

	private final JdbcClient jdbc;

	private final CleanupProperties properties;

	private final AuditProperties audit;

	private final DeviceProperties devices;

	private final SmsMessagesProperties smsMessages;

	private final Clock clock;

	private final Pacing pacing;

	CleanupJob(JdbcClient jdbc, CleanupProperties properties, AuditProperties audit, DeviceProperties devices,
			SmsMessagesProperties smsMessages, Clock clock, CleanupTimer timer) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.audit = audit;
		this.devices = devices;
		this.smsMessages = smsMessages;
		this.clock = clock;
		this.pacing = Pacing.of(properties, timer);
	}

	/**
	 * One run over every table, paced ({@link Pacing}: tables in turns, a pause after each batch,
	 * at most {@code auth.cleanup.max-run-time}); called by the schedule, and by tests directly.
	 */
	public CleanupReport run() {
		Instant now = clock.instant();
		long started = System.nanoTime();
		Sweep authorizations = sweep(AUTHORIZATIONS, now);
		Sweep challenges = sweep(SMS_CHALLENGES, now.minus(properties.smsChallengeRetention()));
		Sweep outbox = sweep(SMS_OUTBOX, now.minus(properties.smsOutboxRetention()));
		Sweep history = sweep(REFRESH_TOKEN_HISTORY, now.minus(properties.refreshTokenHistoryRetention()));
		Sweep auditEvents = sweep(AUDIT_EVENTS, now.minus(audit.retention()));
		Sweep hits = sweep(RATE_LIMIT_HITS, now.minus(RateLimiter.LONGEST_WINDOW));
		Sweep subWindows = sweep(RATE_LIMIT_SUB_WINDOWS, now.minus(RateLimiter.LONGEST_SUB_WINDOWS_KEPT));
		Sweep counters = sweep(RATE_LIMIT_COUNTERS, now.minus(RateLimiter.LONGEST_WINDOW));
		Sweep unusedDevices = sweep(DEVICES, now.minus(devices.unusedRetention()));
		Sweep messages = sweep(SMS_MESSAGES, now.minus(smsMessages.retention()));
		// A date column gets a date.
		Sweep monthlyUsage = new Sweep(SMS_MONTHLY_USAGE, jdbc, Map.of("cutoff",
				LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).minusMonths(SMS_MONTHLY_USAGE_MONTHS)),
				properties.batchSize());
		Pacing.Outcome outcome = pacing.run(List.of(authorizations, challenges, outbox, history, auditEvents, hits, subWindows, counters,
				unusedDevices, messages, monthlyUsage));
		CleanupReport report = new CleanupReport(authorizations.deleted(), challenges.deleted(), outbox.deleted(),
				history.deleted(), auditEvents.deleted(), hits.deleted() + subWindows.deleted() + counters.deleted(), unusedDevices.deleted(),
				messages.deleted(), monthlyUsage.deleted());
		// Counts only: no ids, users or numbers.
		log.info("Clean-up deleted {} expired authorizations, {} SMS challenges, {} outbox messages, "
				+ "{} refresh-token history rows, {} audit events, {} rate-limit rows, {} unused devices, "
				+ "{} SMS message records, {} monthly SMS budget counters in {} ms ({} batches, {} ms paused, {})",
				report.authorizations(), report.smsChallenges(), report.smsOutbox(), report.refreshTokenHistory(),
				report.auditEvents(), report.rateLimitRows(), report.devices(), report.smsMessages(),
				report.smsMonthlyUsage(), Duration.ofNanos(System.nanoTime() - started).toMillis(), outcome.batches(),
				outcome.paused().toMillis(), switch (outcome.ending()) {
					case DONE -> "done";
					case TIME_UP -> "stopped at auth.cleanup.max-run-time, the next run continues";
					case INTERRUPTED -> "interrupted";
				});
		return report;
	}

	private Sweep sweep(ExpiredRows rows, Instant cutoff) {
		return new Sweep(rows, jdbc, Map.of("cutoff", Timestamp.from(cutoff)), properties.batchSize());
	}

}
