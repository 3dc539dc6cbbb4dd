package dev.smsauth.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import dev.smsauth.api.FieldErrors;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit-events}: the audit trail, newest first, filtered by user, application,
 * event and time ({@code from} inclusive, {@code to} exclusive, ISO-8601 instants), paged with
 * offset and limit (1 to 200). Behind the management API's chain (scope {@code management}).
 * Parameters are read as strings so that every bad value becomes a 400 naming it.
 */
@RestController
class AuditEventController {

	private final AuditLog audit;

	AuditEventController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/api/v1/audit-events")
	AuditEventPage list(@RequestParam(name = "userId", required = false) String userId,
			@RequestParam(name = "clientId", required = false) String clientId,
			@RequestParam(name = "event", required = false) String event,
			@RequestParam(name = "from", required = false) String from,
			@RequestParam(name = "to", required = false) String to,
			@RequestParam(name = "offset", required = false) String offset,
			@RequestParam(name = "limit", required = false) String limit) {
		FieldErrors errors = new FieldErrors();
		AuditEventType type = eventType(event, errors);
		Instant fromInstant = instant("from", from, errors);
		Instant toInstant = instant("to", to, errors);
		if (fromInstant != null && toInstant != null && !toInstant.isAfter(fromInstant)) {
			errors.add("to", "must be after from");
		}
		int first = integer("offset", offset, 0, 0, Integer.MAX_VALUE, errors);
		int size = integer("limit", limit, AuditQuery.DEFAULT_LIMIT, 1, AuditQuery.MAX_LIMIT, errors);
		errors.throwIfAny();
		AuditQuery query = new AuditQuery(blankToNull(userId), blankToNull(clientId), type, fromInstant, toInstant, first,
				size);
		return new AuditEventPage(audit.find(query), audit.count(query), query.offset(), query.limit());
	}

	/** One page of the audit trail; {@code total} counts every match, not just this page. */
	record AuditEventPage(List<AuditEvent> items, long total, int offset, int limit) {
	}

	private static AuditEventType eventType(String raw, FieldErrors errors) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		try {
			return AuditEventType.valueOf(raw.strip());
		}
		catch (IllegalArgumentException ex) {
			errors.add("event", "is not a known event type");
			return null;
		}
	}

	private static Instant instant(String name, String raw, FieldErrors errors) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(raw.strip());
		}
		catch (DateTimeParseException ex) {
			errors.add(name, "must be an ISO-8601 instant, e.g. 2025-01-31T12:00:00Z");
			return null;
		}
	}

	private static int integer(String name, String raw, int absent, int min, int max, FieldErrors errors) {
		if (raw == null || raw.isBlank()) {
			return absent;
		}
		try {
			int value = Integer.parseInt(raw.strip());
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		errors.add(name, max == Integer.MAX_VALUE ? "must be a whole number, at least " + min
				: "must be a whole number from " + min + " to " + max);
		return absent;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
