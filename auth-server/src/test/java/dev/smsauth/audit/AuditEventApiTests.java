package dev.smsauth.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.smsauth.support.Api;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.MutableClock;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.smsauth.audit.AuditTrail.names;
import static dev.smsauth.audit.AuditTrail.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/audit-events}: filters by user, application, event and time, paging with a
 * total, 400 naming the parameter for bad values, and only with a management token.
 */
@AuthServerTest
class AuditEventApiTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	ManagementClient admin;

	Api api;

	AuditTrail trail;

	@BeforeEach
	void setUp() {
		clock.reset();
		admin = new ManagementClient("http://localhost:" + port);
		api = Api.management("http://localhost:" + port);
		trail = new AuditTrail(admin);
	}

	String newUser() {
		return admin.createUser("api-" + UUID.randomUUID().toString().substring(0, 8), null, "long-enough-1")
			.get("id")
			.asString();
	}

	void rename(String userId, String name) {
		assertThat(admin.call("PATCH", "/api/v1/users/" + userId, "{\"name\":\"" + name + "\"}").status())
			.isEqualTo(200);
	}

	@Test
	void whenFilteredByUserThenOnlyThatUsersEventsNewestFirst() {
		String alice = newUser();
		String bob = newUser();
		rename(alice, "Alice");
		rename(bob, "Bob");

		JsonNode page = trail.page("userId=" + alice);

		assertThat(page.get("total").asLong()).isEqualTo(2);
		assertThat(page.get("items")).hasSize(2);
		assertThat(text(page.get("items").get(0), "event")).isEqualTo("USER_UPDATED");
		assertThat(text(page.get("items").get(1), "event")).isEqualTo("USER_CREATED");
		page.get("items").forEach(e -> assertThat(text(e, "userId")).isEqualTo(alice));
		assertThat(page.get("items").get(0).get("id").asLong()).isGreaterThan(page.get("items").get(1).get("id").asLong());
	}

	@Test
	void whenFilteredByApplicationThenOnlyThatApplicationsEvents() {
		String one = admin.createApplication("{\"name\":\"One\",\"redirectUris\":[\"https://one.example.com/cb\"]}")
			.get("clientId")
			.asString();
		String two = admin.createApplication("{\"name\":\"Two\",\"redirectUris\":[\"https://two.example.com/cb\"]}")
			.get("clientId")
			.asString();
		admin.setSms(two, true);

		assertThat(names(trail.oldestFirst("clientId=" + one))).containsExactly("APPLICATION_CREATED");
		assertThat(names(trail.oldestFirst("clientId=" + two))).containsExactly("APPLICATION_CREATED",
				"APPLICATION_MFA_CHANGED");
	}

	@Test
	void whenFilteredByEventThenOnlyThatEvent() {
		String user = newUser();
		rename(user, "Someone");
		assertThat(admin.call("DELETE", "/api/v1/users/" + user, null).status()).isEqualTo(204);

		assertThat(names(trail.oldestFirst("userId=" + user + "&event=USER_DELETED"))).containsExactly("USER_DELETED");
		List<JsonNode> deletions = trail.oldestFirst("event=USER_DELETED");
		assertThat(deletions).isNotEmpty().allSatisfy(e -> assertThat(text(e, "event")).isEqualTo("USER_DELETED"));
		assertThat(deletions).anySatisfy(e -> assertThat(text(e, "userId")).isEqualTo(user));
	}

	@Test
	void whenFilteredByTimeThenFromIsInclusiveAndToExclusive() {
		Instant t0 = clock.instant();
		String user = newUser();
		clock.advance(Duration.ofHours(1));
		Instant t1 = clock.instant();
		rename(user, "First");
		clock.advance(Duration.ofHours(1));
		Instant t2 = clock.instant();
		rename(user, "Second");

		String who = "userId=" + user;
		assertThat(trail.page(who + "&from=" + t1 + "&to=" + t2).get("total").asLong()).isEqualTo(1);
		// Stored in microseconds (the column's precision); the clock here has nanoseconds.
		String occurredAt = text(trail.page(who + "&from=" + t1 + "&to=" + t2).get("items").get(0), "occurredAt");
		assertThat(Instant.parse(occurredAt)).isEqualTo(t1.truncatedTo(ChronoUnit.MICROS));
		// A time read back selects exactly its own event.
		assertThat(names(trail.oldestFirst(who + "&from=" + occurredAt + "&to=" + Instant.parse(occurredAt).plusNanos(1000))))
			.containsExactly("USER_UPDATED");
		assertThat(trail.page(who + "&from=" + t1).get("total").asLong()).isEqualTo(2);
		assertThat(names(trail.oldestFirst(who + "&to=" + t1))).containsExactly("USER_CREATED");
		assertThat(trail.page(who + "&from=" + t2.plusSeconds(1)).get("total").asLong()).isZero();
		assertThat(trail.page(who + "&from=" + t0 + "&to=" + t2.plusSeconds(1)).get("total").asLong()).isEqualTo(3);
	}

	@Test
	void whenPagedThenTotalCountsEveryMatchAndPagesDoNotOverlap() {
		String user = newUser();
		for (int i = 1; i <= 5; i++) {
			rename(user, "Name " + i);
		}

		JsonNode first = trail.page("userId=" + user + "&limit=2");
		JsonNode last = trail.page("userId=" + user + "&offset=4&limit=2");
		JsonNode beyond = trail.page("userId=" + user + "&offset=6&limit=2");

		assertThat(first.get("total").asLong()).isEqualTo(6);
		assertThat(first.get("offset").asInt()).isZero();
		assertThat(first.get("limit").asInt()).isEqualTo(2);
		assertThat(first.get("items")).hasSize(2);
		assertThat(last.get("offset").asInt()).isEqualTo(4);
		assertThat(last.get("total").asLong()).isEqualTo(6);
		assertThat(last.get("items")).hasSize(2);
		assertThat(text(last.get("items").get(1), "event")).isEqualTo("USER_CREATED");
		assertThat(beyond.get("items")).isEmpty();
		assertThat(beyond.get("total").asLong()).isEqualTo(6);
		List<Long> ids = new java.util.ArrayList<>();
		for (JsonNode page : List.of(first, trail.page("userId=" + user + "&offset=2&limit=2"), last)) {
			page.get("items").forEach(e -> ids.add(e.get("id").asLong()));
		}
		assertThat(ids).doesNotHaveDuplicates().hasSize(6).isSortedAccordingTo((a, b) -> Long.compare(b, a));
	}

	@Test
	void whenNoLimitGivenThenFiftyAndAtMostTwoHundredAllowed() {
		JsonNode page = trail.page("");

		assertThat(page.get("limit").asInt()).isEqualTo(50);
		assertThat(page.get("offset").asInt()).isZero();
		assertThat(trail.page("limit=200").get("limit").asInt()).isEqualTo(200);
	}

	@Test
	void whenFilterValueIsBadThen400ProblemNamingTheParameter() {
		Map<String, String> cases = Map.ofEntries(Map.entry("from=yesterday", "from"),
				Map.entry("from=2025-01-31", "from"), Map.entry("to=2025-13-01T00:00:00Z", "to"),
				Map.entry("from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z", "to"),
				Map.entry("event=NOT_AN_EVENT", "event"), Map.entry("event=sms_sent", "event"),
				Map.entry("offset=-1", "offset"), Map.entry("offset=abc", "offset"), Map.entry("limit=0", "limit"),
				Map.entry("limit=201", "limit"), Map.entry("limit=1.5", "limit"),
				Map.entry("limit=99999999999999999999", "limit"));
		SoftAssertions softly = new SoftAssertions();
		cases.forEach((query, field) -> {
			Api.Answer answer = api.get("/api/v1/audit-events?" + query);
			softly.assertThat(answer.status()).as("%s: %s", query, answer).isEqualTo(400);
			softly.assertThat(answer.contentType()).as(query).startsWith("application/problem+json");
			if (answer.isProblem()) {
				softly.assertThat(answer.errorFields()).as(query).containsExactly(field);
			}
		});
		softly.assertAll();
	}

	@Test
	void whenNoTokenOrNoManagementScopeThenRefused() {
		JsonNode app = admin.createApplication("{\"name\":\"Reports\",\"grantTypes\":[\"client_credentials\"],"
				+ "\"scopes\":[\"reports\"]}");
		Api reports = Api.as(api.base(), app.get("clientId").asString(), app.get("clientSecret").asString());
		Api.Answer token = reports.clientCredentials(app.get("clientId").asString(), app.get("clientSecret").asString(),
				"reports");
		assertThat(token.status()).as("%s", token).isEqualTo(200);

		Api.Answer anonymous = api.send("GET", "/api/v1/audit-events", null, null, null);
		Api.Answer underScoped = api.send("GET", "/api/v1/audit-events", token.json().get("access_token").asString(),
				null, null);

		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(underScoped.status()).isEqualTo(403);
		assertThat(anonymous.body()).doesNotContain("items");
		assertThat(underScoped.body()).doesNotContain("items");
	}

}
