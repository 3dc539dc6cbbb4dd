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
 * Two auth-server instances on one MariaDB, the way a load balancer spreads one person's requests:
 * password on node 1, SMS step on node 2, code exchange on node 1, refresh and userinfo on node 2.
 * Then a node restarts in the middle of a sign-in and nothing is lost. Nothing a login needs may
 * live in one JVM's memory: sessions, SMS challenges, limits, grants and signing keys are shared.
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
	void whenOneSignInHopsBetweenNodesThenEveryStepWorks() throws Exception {
		ManagementClient admin = new ManagementClient(cluster.node2().base(), "management-cli", Node.MANAGEMENT_SECRET);
		JsonNode app = admin.createApplication("{\"name\":\"Cluster app\",\"redirectUris\":[\"" + REDIRECT
				+ "\"],\"scopes\":[\"openid\",\"profile\",\"phone\",\"offline_access\"],\"mfa\":{\"sms\":true}}");
		String clientId = app.get("clientId").asString();
		String secret = app.get("clientSecret").asString();
		admin.createUser("hopper", "+14155550601", "hopper-password-1");

		// The browser keeps one cookie jar for "the site": both nodes are on localhost, like behind a balancer.
		TestBrowser browser = new TestBrowser(cluster.node1().base());
		SignInFlow flow = new SignInFlow(browser, clientId, REDIRECT);
		flow.authorize("openid profile phone offline_access", Map.of());
		TestBrowser.Page afterPassword = flow.signIn("hopper", "hopper-password-1");
		assertThat(afterPassword.status()).isEqualTo(303);

		// Node 2 knows the session (password factor) and sends the browser to the SMS step.
		String authorizeOnNode2 = afterPassword.location().replace(cluster.node1().base(), cluster.node2().base());
		TestBrowser.Page toSms = browser.get(authorizeOnNode2);
		assertThat(toSms.location()).startsWith(cluster.node2().base() + "/mfa/sms");
		TestBrowser.Page smsPage = browser.get(cluster.node2().base() + "/mfa/sms");
		assertThat(smsPage.body()).contains("+1 ••• ••• 0601");
		browser.submit(smsPage, cluster.node2().base() + "/mfa/sms/send", Map.of());
		TestBrowser.Page verified = browser.submit(browser.get(cluster.node2().base() + "/mfa/sms"),
				cluster.node2().base() + "/mfa/sms/verify", Map.of("code", admin.latestCode("+14155550601")));
		assertThat(verified.status()).isEqualTo(303);

		// Back on node 1: the saved authorization request resumes and a code is issued.
		TestBrowser.Page toApp = browser.get(verified.location().replace(cluster.node2().base(), cluster.node1().base()));
		String code = SignInFlow.codeIn(toApp);
		assertThat(code).isNotNull();
		assertThat(SignInFlow.param(toApp, "iss")).isEqualTo(Node.ISSUER);

		// Code exchange on node 1, refresh on node 2, userinfo on node 2 with the refreshed token.
		JsonNode tokens = flow.exchange(code, secret);
		assertThat(tokens.get("_status").asInt()).isEqualTo(200);
		assertThat(SignInFlow.claims(tokens.get("id_token").asString()).get("amr").toString())
			.isEqualTo("[\"pwd\",\"sms\",\"mfa\"]");
		JsonNode refreshed = post(cluster.node2().base() + "/oauth2/token", clientId, secret,
				"grant_type=refresh_token&refresh_token=" + enc(tokens.get("refresh_token").asString()));
		assertThat(refreshed.get("_status").asInt()).isEqualTo(200);
		JsonNode userInfo = getJson(cluster.node2().base() + "/userinfo", refreshed.get("access_token").asString());
		assertThat(userInfo.get("phone_number").asString()).isEqualTo("+14155550601");
		// Both nodes publish the same signing key, so either can verify what the other signed.
		assertThat(getJson(cluster.node1().base() + "/oauth2/jwks", null).toString())
			.isEqualTo(getJson(cluster.node2().base() + "/oauth2/jwks", null).toString());
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
		browser.get(afterPassword.location());
		flow.sendCode();
		String code = admin.latestCode("+14155550602");

		// Node 1 goes down after the code was sent and comes back on the same port.
		cluster.restartNode1();

		TestBrowser.Page verified = flow.verify(code);
		assertThat(verified.status()).isEqualTo(303);
		TestBrowser.Page toApp = browser.get(verified.location());
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
		browser.get(flow.signIn("disabled-later", "disabled-later-password").location());
		flow.sendCode();
		TestBrowser.Page toApp = browser.get(flow.verify(admin.latestCode("+14155550603")).location());
		JsonNode tokens = flow.exchange(SignInFlow.codeIn(toApp), secret);
		assertThat(tokens.get("_status").asInt()).isEqualTo(200);
		assertThat(SignInFlow.codeIn(flow.authorize("openid offline_access", Map.of()))).as("signed in on node 1")
			.isNotNull();

		assertThat(admin.call("PATCH", "/api/v1/users/" + userId, "{\"enabled\":false}").status()).isEqualTo(200);

		TestBrowser.Page again = flow.authorize("openid offline_access", Map.of());
		assertThat(again.status()).isEqualTo(302);
		assertThat(again.location()).isEqualTo(cluster.node1().base() + "/login");
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
		return withStatus(response);
	}

	private static JsonNode getJson(String url, String bearer) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return withStatus(HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()));
	}

	private static JsonNode withStatus(HttpResponse<String> response) {
		JsonNode json = JsonMapper.builder().build().readTree(response.body());
		((tools.jackson.databind.node.ObjectNode) json).put("_status", response.statusCode());
		return json;
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
