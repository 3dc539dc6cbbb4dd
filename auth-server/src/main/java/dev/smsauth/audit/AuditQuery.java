package dev.smsauth.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Filters for reading the audit trail; a null filter matches everything. {@code from} is
 * inclusive, {@code to} exclusive. Offset and limit are clamped (limit 1 to {@value #MAX_LIMIT}).
 * <p>
 * Times are compared in microseconds, the precision of {@code audit_event.occurred_at}
 * ({@code timestamp} / {@code datetime(6)}): events are stored truncated to it and so are the
 * bounds, so an {@code occurredAt} read back selects exactly that event, and a bound with
 * nanoseconds neither loses an event at {@code from} nor gains one at {@code to}.
 */
public record AuditQuery(String userId, String clientId, AuditEventType event, Instant from, Instant to, int offset,
		int limit) {

	public static final int MAX_LIMIT = 200;

	public static final int DEFAULT_LIMIT = 50;

	static final ChronoUnit PRECISION = ChronoUnit.MICROS;

	public AuditQuery {
		from = from == null ? null : from.truncatedTo(PRECISION);
		to = to == null ? null : to.truncatedTo(PRECISION);
		offset = Math.max(0, offset);
		limit = Math.min(Math.max(1, limit), MAX_LIMIT);
	}

	/** Everything, first page. */
	public static AuditQuery all() {
		return new AuditQuery(null, null, null, null, null, 0, DEFAULT_LIMIT);
	}

}
