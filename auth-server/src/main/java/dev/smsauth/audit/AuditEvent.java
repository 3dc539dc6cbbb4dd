package dev.smsauth.audit;

import java.time.Instant;

/**
 * One row of the audit trail, as the management API returns it. {@code userId} is the user the
 * event is about, {@code clientId} the application involved; either may be null.
 */
public record AuditEvent(long id, Instant occurredAt, AuditEventType event, ActorType actorType, String actorId,
		String userId, String clientId, String ip, String details) {
}
