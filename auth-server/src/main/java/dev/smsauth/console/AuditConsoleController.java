package dev.smsauth.console;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.smsauth.audit.ActorType;
import dev.smsauth.audit.AuditEvent;
import dev.smsauth.audit.AuditEventType;
import dev.smsauth.audit.AuditLog;
import dev.smsauth.audit.AuditQuery;
import dev.smsauth.user.UserService;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.util.UriComponentsBuilder;

/** The audit page: every change and sign-in event, newest first, filtered by user, application, event and time. */
@Controller
@RequestMapping("/console/audit")
class AuditConsoleController {

	private static final int PAGE_SIZE = 50;

	private final AuditLog audit;

	private final UserService users;

	AuditConsoleController(AuditLog audit, UserService users) {
		this.audit = audit;
		this.users = users;
	}

	/** The filters as typed in the form; times are UTC in the browser's datetime-local format. */
	record Filter(String userId, String clientId, String event, String from, String to, Integer page) {
	}

	@GetMapping
	String list(Filter filter, Model model) {
		StringBuilder problems = new StringBuilder();
		AuditEventType event = parseEvent(filter.event(), problems);
		Instant from = parseTime("From", filter.from(), problems);
		Instant to = parseTime("To", filter.to(), problems);
		Paging paging = Paging.of(filter.page(), PAGE_SIZE);
		AuditQuery query = new AuditQuery(blankToNull(filter.userId()), blankToNull(filter.clientId()), event, from, to,
				paging.offset(), PAGE_SIZE);
		List<AuditEvent> events = audit.find(query);
		long total = audit.count(query);
		model.addAttribute("events", events);
		model.addAttribute("total", total);
		model.addAttribute("filter", filter);
		model.addAttribute("eventTypes", AuditEventType.values());
		model.addAttribute("userNames", usernames(events));
		model.addAttribute("actorNames", actorNames(events));
		model.addAttribute("page", paging.page());
		model.addAttribute("hasPrevious", paging.page() > 0);
		model.addAttribute("hasNext", (long) paging.offset() + events.size() < total);
		model.addAttribute("previousUrl", pageUrl(filter, paging.page() - 1));
		model.addAttribute("nextUrl", pageUrl(filter, paging.page() + 1));
		if (!problems.isEmpty()) {
			model.addAttribute("problem", problems.toString().strip());
		}
		return "console/audit/list";
	}

	private Map<String, String> usernames(List<AuditEvent> events) {
		Map<String, String> names = new HashMap<>();
		events.stream()
			.map(AuditEvent::userId)
			.filter(id -> id != null)
			.distinct()
			.forEach(id -> users.find(id).ifPresent(u -> names.put(id, u.username())));
		return names;
	}

	private Map<String, String> actorNames(List<AuditEvent> events) {
		Map<String, String> names = new HashMap<>();
		events.stream()
			.filter(e -> e.actorType() == ActorType.USER && e.actorId() != null)
			.map(AuditEvent::actorId)
			.distinct()
			.forEach(id -> users.find(id).ifPresent(u -> names.put(id, u.username())));
		return names;
	}

	private static String pageUrl(Filter filter, int page) {
		return UriComponentsBuilder.fromPath("/console/audit")
			.queryParamIfPresent("userId", java.util.Optional.ofNullable(blankToNull(filter.userId())))
			.queryParamIfPresent("clientId", java.util.Optional.ofNullable(blankToNull(filter.clientId())))
			.queryParamIfPresent("event", java.util.Optional.ofNullable(blankToNull(filter.event())))
			.queryParamIfPresent("from", java.util.Optional.ofNullable(blankToNull(filter.from())))
			.queryParamIfPresent("to", java.util.Optional.ofNullable(blankToNull(filter.to())))
			.queryParam("page", Math.max(0, page))
			.encode()
			.build()
			.toUriString();
	}

	private static AuditEventType parseEvent(String raw, StringBuilder problems) {
		if (blankToNull(raw) == null) {
			return null;
		}
		try {
			return AuditEventType.valueOf(raw.strip());
		}
		catch (IllegalArgumentException ex) {
			problems.append("Unknown event; showing all events. ");
			return null;
		}
	}

	private static Instant parseTime(String label, String raw, StringBuilder problems) {
		if (blankToNull(raw) == null) {
			return null;
		}
		try {
			return LocalDateTime.parse(raw.strip()).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			problems.append(label).append(" is not a date and time; it was ignored. ");
			return null;
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
