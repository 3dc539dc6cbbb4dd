package dev.smsauth.mysql;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two auth-server instances on one MariaDB: a node restarts in the middle of a sign-in and nothing
 * is lost. Nothing a login needs may live in one JVM's memory: sessions, SMS challenges, limits,
 * grants and signing keys are shared. One sign-in whose every request alternates between the
 * nodes is {@link RoundRobinClusterTests}.
 */
class TwoNodeTests {

	static final String REDIRECT = "https://rp.cluster.test/cb";

	static Cluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = Cluster.start();
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void whenANodeRestartsMidLoginThenTheSignInCarriesOn() throws Exception {
		ManagementClient admin = new ManagementClient(cluster.node2().base(), "management-cli", Node.MANAGEMENT_SECRET);
		JsonNode app = admin.createApplication("{\"name\":\"Restart app\",\"redirectUris\":[\"" + REDIRECT
				+ "\"],\"scopes\":[\"openid\"],\"mfa\":{\"sms\":true}}");
		admin.createUser("restarter", "+14155550602", "restarter-password-1");
		TestBrowser browser = new TestBrowser(cluster.node1().base());
		SignInFlow flow = new SignInFlow(browser, app.get("clientId").asString(), REDIRECT);
		flow.authorize("openid", Map.of());
		TestBrowser.Page afterPassword = flow.signIn("restarter", "restarter-password-1");
		browser.next(afterPassword);
		flow.sendCode();
		String code = admin.latestCode("+14155550602");

		// Node 1 goes down after the code was sent and comes back on the same port.
		cluster.restartNode1();

		TestBrowser.Page verified = flow.verify(code);
		assertThat(verified.status()).isEqualTo(303);
		TestBrowser.Page toApp = browser.next(verified);
		assertThat(SignInFlow.codeIn(toApp)).isNotNull();
		JsonNode tokens = flow.exchange(SignInFlow.codeIn(toApp), app.get("clientSecret").asString());
		assertThat(SignInFlow.claims(tokens.get("id_token").asString()).get("amr").toString())
			.isEqualTo("[\"pwd\",\"sms\",\"mfa\"]");
	}

	@Test
	void whenAUserIsDisabledOnOneNodeThenTheOtherNodeRefusesTheirSessionAndTheRefreshAtOnce() throws Exception {
		ManagementClient admin = new ManagementClient(cluster.node2().base(), "management-cli", Node.MANAGEMENT_SECRET);
		JsonNode app = admin.createApplication("{\"name\":\"Disable app\",\"redirectUris\":[\"" + REDIRECT
				+ "\"],\"scopes\":[\"openid\",\"offline_access\"],\"mfa\":{\"sms\":true}}");
		String clientId = app.get("clientId").asString();
		String secret = app.get("clientSecret").asString();
		String userId = admin.createUser("disabled-later", "+14155550603", "disabled-later-password").get("id").asString();
		TestBrowser browser = new TestBrowser(cluster.node1().base());
		SignInFlow flow = new SignInFlow(browser, clientId, REDIRECT);
		flow.authorize("openid offline_access", Map.of());
		browser.next(flow.signIn("disabled-later", "disabled-later-password"));
		flow.sendCode();
		TestBrowser.Page toApp = browser.next(flow.verify(admin.latestCode("+14155550603")));
		JsonNode tokens = flow.exchange(SignInFlow.codeIn(toApp), secret);
		assertThat(tokens.get("_status").asInt()).isEqualTo(200);
		assertThat(SignInFlow.codeIn(flow.authorize("openid offline_access", Map.of()))).as("signed in on node 1")
			.isNotNull();

		assertThat(admin.call("PATCH", "/api/v1/users/" + userId, "{\"enabled\":false}").status()).isEqualTo(200);

		TestBrowser.Page again = flow.authorize("openid offline_access", Map.of());
		assertThat(again.isSignInPage()).as("the sign-in page, not a code: %s", again.location()).isTrue();
		JsonNode refreshed = post(cluster.node2().base() + "/oauth2/token", clientId, secret,
				"grant_type=refresh_token&refresh_token=" + enc(tokens.get("refresh_token").asString()));
		assertThat(refreshed.get("_status").asInt()).isEqualTo(400);
		assertThat(refreshed.get("error").asString()).isEqualTo("invalid_grant");
		HttpResponse<String> userInfo = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(cluster.node1().base() + "/userinfo"))
				.header("Authorization", "Bearer " + tokens.get("access_token").asString())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(userInfo.statusCode()).isEqualTo(401);
	}

	@AfterEach
	void nodesStillUp() {
		assertThat(cluster.node1().context().isActive()).isTrue();
		assertThat(cluster.node2().context().isActive()).isTrue();
	}

	private static JsonNode post(String url, String clientId, String secret, String form) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url))
				.header("Authorization", ManagementClient.basic(clientId, secret))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode json = JsonMapper.builder().build().readTree(response.body());
		((tools.jackson.databind.node.ObjectNode) json).put("_status", response.statusCode());
		return json;
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
