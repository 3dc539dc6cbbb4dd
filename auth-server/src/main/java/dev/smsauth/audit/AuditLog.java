package dev.smsauth.audit;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit trail: records who did what to whom, and reads it back. The actor comes from the
 * current security context, the IP from the current request, the time from the application's
 * clock.
 * <p>
 * Callers must never pass a password, an SMS code, a client secret or a full phone number in
 * {@code details} (mask numbers with {@code PhoneMasking}).
 * <p>
 * Writes are plain synchronous INSERTs that join the caller's transaction: a change and its audit
 * row commit or roll back together. Issue 7 may move them off the hot path (a queue or an outbox
 * table) if sign-in latency calls for it.
 */
@Service
public class AuditLog {

	// Column sizes of audit_event (V4); longer values are cut rather than failing the caller.
	private static final int MAX_ID = 100;

	private static final int MAX_USER_ID = 36;

	private static final int MAX_IP = 64;

	private static final int MAX_DETAILS = 1000;

	private final AuditEventRepository events;

	private final Clock clock;

	AuditLog(AuditEventRepository events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Records an event attributed to the current actor.
	 * @param userId the user the event is about, or null
	 * @param clientId the application involved, or null
	 * @param details a short, non-secret description, or null
	 */
	public void record(AuditEventType type, String userId, String clientId, String details) {
		record(type, Actor.current(), userId, clientId, details);
	}

	/** Records an event for an actor the security context does not hold yet (a sign-in in progress). */
	void record(AuditEventType type, Actor actor, String userId, String clientId, String details) {
		events.insert(new AuditEvent(0, clock.instant().truncatedTo(AuditQuery.PRECISION), type, actor.type(), cut(actor.id(), MAX_ID),
				cut(userId, MAX_USER_ID), cut(clientId, MAX_ID), cut(remoteAddress(), MAX_IP), cut(details, MAX_DETAILS)));
	}

	/** Events matching the query, newest first. */
	public List<AuditEvent> find(AuditQuery query) {
		return events.find(query);
	}

	/** How many events match the query's filters (ignoring offset and limit). */
	public long count(AuditQuery query) {
		return events.count(query);
	}

	/**
	 * The TCP peer only. X-Forwarded-For is not trusted here: anyone can send it, and a proxy in
	 * front should be configured through server.forward-headers-strategy instead.
	 */
	private static String remoteAddress() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				? attributes.getRequest().getRemoteAddr() : null;
	}

	private static String cut(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

}
