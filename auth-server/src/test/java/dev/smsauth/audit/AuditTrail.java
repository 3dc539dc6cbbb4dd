package dev.smsauth.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.smsauth.support.ManagementClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the audit trail the way an operator would: GET /api/v1/audit-events with a management token. */
final class AuditTrail {

	static final String LOOPBACK = "^(127\\.0\\.0\\.1|0:0:0:0:0:0:0:1|::1)$";

	private final ManagementClient admin;

	AuditTrail(ManagementClient admin) {
		this.admin = admin;
	}

	/** One page of the answer, asserting it is a 200. {@code query} has no leading '?'. */
	JsonNode page(String query) {
		ManagementClient.Response response = admin.call("GET", "/api/v1/audit-events?" + query, null);
		assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
		return response.json();
	}

	/** Every matching event (up to 200), oldest first: the order they happened in. */
	List<JsonNode> oldestFirst(String query) {
		List<JsonNode> events = new ArrayList<>();
		page(query + "&limit=200").get("items").forEach(events::add);
		Collections.reverse(events);
		return events;
	}

	static List<String> names(List<JsonNode> events) {
		return events.stream().map(e -> e.get("event").asString()).toList();
	}

	/** The events of one type, oldest first. */
	static List<JsonNode> only(List<JsonNode> events, String type) {
		return events.stream().filter(e -> e.get("event").asString().equals(type)).toList();
	}

	static String text(JsonNode event, String field) {
		JsonNode value = event.get(field);
		return value == null || value.isNull() ? null : value.asString();
	}

}
