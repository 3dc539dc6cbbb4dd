package dev.smsauth.infra;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules in infra/prometheus/alerts.yml watch metrics the server really exports, with
 * label values it really uses: a renamed metric or outcome would otherwise silence an alarm.
 */
@AuthServerTest
class PrometheusAlertsTests {

	static final Path ALERTS = Path.of("..", "infra", "prometheus", "alerts.yml");

	static final Set<String> OUTCOMES = Set.of("sent", "failed", "rejected", "refused_limit", "cooldown", "accepted",
			"refused");

	@LocalServerPort
	int port;

	@Test
	void whenAlertsAreReadThenEveryMetricIsScrapedAndEveryOutcomeExists() throws Exception {
		String rules = Files.readString(ALERTS);
		Set<String> metrics = new TreeSet<>();
		Matcher metric = Pattern.compile("\\b(smsauth_[a-z_]+_total)\\b").matcher(rules);
		while (metric.find()) {
			metrics.add(metric.group(1));
		}
		assertThat(metrics).contains("smsauth_sms_sent_total", "smsauth_signin_password_total");
		Matcher outcome = Pattern.compile("outcome=~?\"([^\"]+)\"").matcher(rules);
		while (outcome.find()) {
			for (String value : outcome.group(1).split("\\|")) {
				assertThat(OUTCOMES).as("outcome label in alerts.yml").contains(value);
			}
		}

		// Produce both metrics for real: a password sign-in and one SMS sent.
		String base = "http://localhost:" + port;
		ManagementClient admin = new ManagementClient(base);
		JsonNode app = admin.createApplication("{\"name\":\"Alerts app\",\"redirectUris\":[\"https://rp.example.com/cb\"],"
				+ "\"scopes\":[\"openid\"],\"mfa\":{\"sms\":true}}");
		admin.createUser("alerted", "+14155550950", "alerted-password-1");
		TestBrowser browser = new TestBrowser(base);
		SignInFlow flow = new SignInFlow(browser, app.get("clientId").asString(), "https://rp.example.com/cb");
		flow.authorize("openid", Map.of());
		browser.next(flow.signIn("alerted", "alerted-password-1"));
		flow.sendCode();

		String scrape = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
				.header("Authorization", "Bearer " + admin.token())
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
		for (String name : metrics) {
			assertThat(scrape).as("scrape has %s", name).contains(name + "{");
		}
	}

}
