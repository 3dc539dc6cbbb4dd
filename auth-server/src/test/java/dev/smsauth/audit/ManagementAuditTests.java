package dev.smsauth.audit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.smsauth.support.Api;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.MutableClock;
import dev.smsauth.support.SignInFlow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.smsauth.audit.AuditTrail.names;
import static dev.smsauth.audit.AuditTrail.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every change through the management API leaves one event per kind of change, attributed to the
 * calling application (the client_credentials token's subject) and the caller's address.
 */
@AuthServerTest
class ManagementAuditTests {

	static final String REDIRECT = "https://audit.example.com/callback";

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	String base;

	ManagementClient admin;

	AuditTrail trail;

	@BeforeEach
	void setUp() {
		clock.reset();
		base = "http://localhost:" + port;
		admin = new ManagementClient(base);
		trail = new AuditTrail(admin);
	}

	String newApp(boolean sms) {
		return admin.createApplication("{\"name\":\"Audited\",\"redirectUris\":[\"" + REDIRECT
				+ "\"],\"scopes\":[\"openid\"],\"mfa\":{\"sms\":" + sms + "}}").get("clientId").asString();
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	void ok(ManagementClient.Response response) {
		assertThat(response.status()).as("%s", response.body()).isBetween(200, 204);
	}

	@Test
	void whenManagementClientChangesAnApplicationThenEachChangeIsRecordedWithTheClientAsActor() {
		// The subject of a client_credentials token is the client id: that is who acts.
		assertThat(SignInFlow.claims(admin.token()).get("sub").asString()).isEqualTo("management-cli");
		// Far from the real time, so the recorded time can only have come from the application's clock.
		clock.advance(Duration.ofDays(3));
		String clientId = newApp(true);

		ok(admin.call("PATCH", "/api/v1/applications/" + clientId, "{\"name\":\"Renamed\"}"));
		ok(admin.call("POST", "/api/v1/applications/" + clientId + "/secret", null));
		ok(admin.call("DELETE", "/api/v1/applications/" + clientId, null));

		List<JsonNode> events = trail.oldestFirst("clientId=" + clientId);
		assertThat(names(events)).containsExactly("APPLICATION_CREATED", "APPLICATION_UPDATED",
				"APPLICATION_SECRET_ROTATED", "APPLICATION_DELETED");
		for (JsonNode event : events) {
			assertThat(text(event, "actorType")).as("%s", event).isEqualTo("CLIENT");
			assertThat(text(event, "actorId")).as("%s", event).isEqualTo("management-cli");
			assertThat(text(event, "clientId")).as("%s", event).isEqualTo(clientId);
			assertThat(text(event, "userId")).as("%s", event).isNull();
			assertThat(text(event, "ip")).as("%s", event).matches(AuditTrail.LOOPBACK);
			assertThat(event.get("id").asLong()).isPositive();
			assertThat(Instant.parse(text(event, "occurredAt"))).isCloseTo(clock.instant(), within(1, ChronoUnit.MILLIS));
		}
		assertThat(text(events.get(0), "details")).isEqualTo("sms: on");
		assertThat(text(events.get(1), "details")).isEqualTo("changed: name");
		assertThat(text(events.get(2), "details")).isNull();
	}

	@Test
	void whenSmsSwitchedOffThenOnlyMfaChangedIsRecordedSayingSmsOff() {
		String clientId = newApp(true);

		admin.setSms(clientId, false);

		List<JsonNode> events = trail.oldestFirst("clientId=" + clientId);
		assertThat(names(events)).containsExactly("APPLICATION_CREATED", "APPLICATION_MFA_CHANGED");
		assertThat(text(events.get(1), "details")).isEqualTo("sms: off");
		assertThat(text(events.get(1), "actorId")).isEqualTo("management-cli");
	}

	@Test
	void whenSmsSwitchedOnTogetherWithOtherFieldsThenMfaChangedAndUpdatedAreBothRecorded() {
		String clientId = newApp(false);

		ok(admin.call("PATCH", "/api/v1/applications/" + clientId,
				"{\"mfa\":{\"sms\":true},\"scopes\":[\"openid\",\"profile\"],\"consentRequired\":true}"));

		List<JsonNode> events = trail.oldestFirst("clientId=" + clientId);
		assertThat(names(events)).containsExactly("APPLICATION_CREATED", "APPLICATION_MFA_CHANGED",
				"APPLICATION_UPDATED");
		assertThat(text(events.get(1), "details")).isEqualTo("sms: on");
		assertThat(text(events.get(2), "details")).isEqualTo("changed: scopes, consentRequired");
	}

	@Test
	void whenSmsSwitchSetToWhatItAlreadyIsThenNoMfaChange() {
		String clientId = newApp(true);

		admin.setSms(clientId, true);

		List<JsonNode> events = trail.oldestFirst("clientId=" + clientId);
		assertThat(names(events)).containsExactly("APPLICATION_CREATED", "APPLICATION_UPDATED");
		assertThat(text(events.get(1), "details")).isEqualTo("no change");
	}

	@Test
	void whenManagementClientChangesAUserThenEachKindOfChangeHasItsOwnEvent() {
		String id = admin.createUser(unique("audited"), "+14155550177", "first-password-1").get("id").asString();
		String path = "/api/v1/users/" + id;

		ok(admin.call("PATCH", path, "{\"enabled\":false}"));
		ok(admin.call("PATCH", path, "{\"enabled\":true}"));
		ok(admin.call("PATCH", path, "{\"password\":\"second-password-2\"}"));
		ok(admin.call("PATCH", path, "{\"phoneNumber\":null}"));
		ok(admin.call("PATCH", path, "{\"email\":\"audited@example.com\",\"name\":\"Audited Person\"}"));
		ok(admin.call("DELETE", path, null));

		List<JsonNode> events = trail.oldestFirst("userId=" + id);
		// Removing the number also tells it so (notify package), after the change committed.
		assertThat(names(events)).containsExactly("USER_CREATED", "USER_DISABLED", "USER_ENABLED",
				"USER_PASSWORD_RESET", "USER_PHONE_REMOVED", "NOTICE_SENT", "USER_UPDATED", "USER_DELETED");
		for (JsonNode event : events) {
			assertThat(text(event, "actorType")).as("%s", event).isEqualTo("CLIENT");
			assertThat(text(event, "actorId")).as("%s", event).isEqualTo("management-cli");
			assertThat(text(event, "userId")).as("%s", event).isEqualTo(id);
			assertThat(text(event, "clientId")).as("%s", event).isNull();
		}
		assertThat(text(events.get(4), "details")).isEqualTo("+1 ••• ••• 0177");
		assertThat(text(events.get(5), "details")).isEqualTo("phone number removed (by an administrator): +1 ••• ••• 0177");
		assertThat(text(events.get(6), "details")).isEqualTo("changed: email, name");
	}

	@Test
	void whenPasswordAndEnabledChangeInOnePatchThenBothEventsAndNoUpdated() {
		String id = admin.createUser(unique("audited"), null, "first-password-1").get("id").asString();

		ok(admin.call("PATCH", "/api/v1/users/" + id, "{\"enabled\":false,\"password\":\"second-password-2\"}"));

		assertThat(names(trail.oldestFirst("userId=" + id))).containsExactly("USER_CREATED", "USER_DISABLED",
				"USER_PASSWORD_RESET");
	}

	@Test
	void whenRejectedChangeThenNothingIsRecorded() {
		String clientId = newApp(true);

		ManagementClient.Response refused = admin.call("PATCH", "/api/v1/applications/" + clientId,
				"{\"mfa\":{\"sms\":false},\"redirectUris\":[\"not a uri\"]}");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(names(trail.oldestFirst("clientId=" + clientId))).containsExactly("APPLICATION_CREATED");
	}

	@Test
	void whenBootstrapCreatedTheManagementClientThenTheActorIsSystem() {
		List<JsonNode> events = trail.oldestFirst("clientId=management-cli&event=APPLICATION_CREATED");

		assertThat(events).hasSize(1);
		assertThat(text(events.get(0), "actorType")).isEqualTo("SYSTEM");
		assertThat(text(events.get(0), "actorId")).isNull();
		assertThat(text(events.get(0), "ip")).isNull();
	}

	@Test
	void whenCallerSendsXForwardedForThenTheRecordedIpIsStillTheConnectionsPeer() throws Exception {
		String username = unique("forwarded");
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/users"))
				.header("Authorization", "Bearer " + admin.token())
				.header("Content-Type", "application/json")
				.header("X-Forwarded-For", "203.0.113.7")
				.POST(HttpRequest.BodyPublishers.ofString(
						"{\"username\":\"" + username + "\",\"password\":\"long-enough-1\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(201);
		String id = Api.JSON.readTree(response.body()).get("id").asString();

		List<JsonNode> events = trail.oldestFirst("userId=" + id);

		assertThat(names(events)).containsExactly("USER_CREATED");
		assertThat(text(events.get(0), "ip")).matches(AuditTrail.LOOPBACK).isNotEqualTo("203.0.113.7");
	}

}
