package dev.smsauth.observability;

import dev.smsauth.support.Api;
import dev.smsauth.support.Api.Answer;
import dev.smsauth.support.AuthServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who sees what on Actuator: probes open to all (status only), details and Prometheus only with a
 * bearer token of scope management or metrics, everything else refused.
 */
@AuthServerTest
class ActuatorEndpointsTests {

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void connect() {
		api = Api.management("http://localhost:" + port);
	}

	@Test
	void whenProbedWithoutCredentialsThenLivenessAndReadinessUpWithStatusOnly() {
		for (String path : new String[] { "/actuator/health/liveness", "/actuator/health/readiness", "/actuator/health" }) {
			Answer answer = anonymous(path);
			assertThat(answer.status()).as(path).isEqualTo(200);
			assertThat(answer.json().get("status").asString()).as(path).isEqualTo("UP");
			assertThat(answer.json().has("components")).as("%s shows no components anonymously", path).isFalse();
		}
		assertThat(anonymous("/actuator/info").status()).isEqualTo(200);
	}

	@Test
	void whenManagementTokenThenReadinessShowsDatabaseAndSmsProvider() {
		Answer readiness = api.get("/actuator/health/readiness");

		assertThat(readiness.status()).isEqualTo(200);
		JsonNode components = readiness.json().get("components");
		assertThat(components.propertyNames()).containsExactlyInAnyOrder("db", "readinessState", "smsProvider");
		assertThat(components.get("smsProvider").get("status").asString()).isEqualTo("UP");
		// Since SMS routes (issue 14) the details list every provider of the routes, by name.
		assertThat(components.get("smsProvider").get("details").get("providers").propertyNames()).containsExactly("outbox");
		assertThat(api.get("/actuator/health/liveness").json().get("components").propertyNames())
			.containsExactly("livenessState");
	}

	@Test
	void whenPrometheusWithoutTokenThenUnauthorizedAndWithManagementTokenThenMetrics() {
		assertThat(anonymous("/actuator/prometheus").status()).isEqualTo(401);

		Answer scrape = api.get("/actuator/prometheus");

		assertThat(scrape.status()).isEqualTo(200);
		assertThat(scrape.body()).contains("smsauth_sms_sent_total").contains("smsauth_tokens_issued_total");
	}

	@Test
	void whenTokenWithOtherScopeThenPrometheusForbiddenAndMetricsScopeAllowed() {
		Api.Answer app = api.post("/api/v1/applications", "{\"name\":\"Scraper\",\"scopes\":[\"metrics\",\"reports\"],"
				+ "\"grantTypes\":[\"client_credentials\"]}");
		assertThat(app.status()).isEqualTo(201);
		String id = app.json().get("clientId").asString();
		String secret = app.json().get("clientSecret").asString();
		String reports = api.clientCredentials(id, secret, "reports").json().get("access_token").asString();
		String metrics = api.clientCredentials(id, secret, "metrics").json().get("access_token").asString();

		assertThat(api.send("GET", "/actuator/prometheus", reports, null, null).status()).isEqualTo(403);
		assertThat(api.send("GET", "/actuator/prometheus", metrics, null, null).status()).isEqualTo(200);
		assertThat(api.send("GET", "/actuator/health", reports, null, null).json().has("components")).isFalse();
		assertThat(api.send("GET", "/actuator/health", metrics, null, null).json().has("components")).isTrue();
	}

	@Test
	void whenEndpointNotMeantForTheOutsideThenRefused() {
		// Not exposed, so not an endpoint at all: the hosted pages send a stranger to sign in.
		assertThat(anonymous("/actuator/env").status()).isEqualTo(302);
		assertThat(api.get("/actuator/env").status()).isNotEqualTo(200);
		// Exposed but not opened: the links page.
		assertThat(anonymous("/actuator").status()).isEqualTo(401);
		assertThat(api.get("/actuator").status()).isEqualTo(403);
	}

	private Answer anonymous(String path) {
		return api.send("GET", path, null, null, null);
	}

}
