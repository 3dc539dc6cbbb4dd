package dev.smsauth.conformance;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two details of ../shared/SECURITY.md: the loopback exception to exact redirect matching (OAuth 1,
 * RFC 8252 7.3: a native app's loopback redirect may use any port, nothing else may differ), and a
 * refresh that keeps the granted scope (OAuth 6).
 */
@AuthServerTest
class LoopbackAndRefreshScopeTests {

	@LocalServerPort
	int port;

	@Test
	void whenLoopbackRedirectUsesAnotherPortThenAcceptedButAnyOtherDifferenceIsRefused() {
		String base = "http://localhost:" + port;
		ManagementClient admin = new ManagementClient(base);
		JsonNode app = admin.createApplication("{\"name\":\"Native app\",\"public\":true,"
				+ "\"redirectUris\":[\"http://127.0.0.1/callback\"],\"scopes\":[\"openid\"]}");
		admin.createUser("native-user", null, "native-password-1");
		TestBrowser browser = new TestBrowser(base);
		SignInFlow other = new SignInFlow(browser, app.get("clientId").asString(), "http://127.0.0.1:54321/callback/extra");
		TestBrowser.Page refused = other.authorize("openid", Map.of());
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.header("Location")).isNull();

		SignInFlow flow = new SignInFlow(browser, app.get("clientId").asString(), "http://127.0.0.1:54321/callback");
		flow.authorize("openid", Map.of());
		TestBrowser.Page toApp = browser.next(flow.signIn("native-user", "native-password-1"));
		assertThat(toApp.location()).startsWith("http://127.0.0.1:54321/callback?code=");
	}

	@Test
	void whenRefreshedThenTheNewAccessTokenKeepsTheGrantedScope() throws Exception {
		String base = "http://localhost:" + port;
		ManagementClient admin = new ManagementClient(base);
		JsonNode app = admin.createApplication("{\"name\":\"Scoped app\",\"redirectUris\":[\"https://rp.example.com/cb\"],"
				+ "\"scopes\":[\"openid\",\"profile\",\"phone\",\"email\"]}");
		String clientId = app.get("clientId").asString();
		String secret = app.get("clientSecret").asString();
		admin.createUser("scoped-user", null, "scoped-password-1");
		TestBrowser browser = new TestBrowser(base);
		SignInFlow flow = new SignInFlow(browser, clientId, "https://rp.example.com/cb");
		flow.authorize("openid profile phone", Map.of());
		TestBrowser.Page toApp = browser.next(flow.signIn("scoped-user", "scoped-password-1"));
		JsonNode tokens = flow.exchange(SignInFlow.codeIn(toApp), secret);

		JsonNode before = post(base + "/oauth2/introspect", clientId, secret,
				"token=" + enc(tokens.get("access_token").asString()));
		JsonNode refreshed = post(base + "/oauth2/token", clientId, secret,
				"grant_type=refresh_token&refresh_token=" + enc(tokens.get("refresh_token").asString()));
		JsonNode after = post(base + "/oauth2/introspect", clientId, secret,
				"token=" + enc(refreshed.get("access_token").asString()));
		assertThat(after.get("active").asBoolean()).isTrue();
		assertThat(java.util.Set.of(after.get("scope").asString().split(" ")))
			.isEqualTo(java.util.Set.of("openid", "profile", "phone"))
			.isEqualTo(java.util.Set.of(before.get("scope").asString().split(" ")));
	}

	private static JsonNode post(String url, String clientId, String secret, String form) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url))
				.header("Authorization", ManagementClient.basic(clientId, secret))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		return JsonMapper.builder().build().readTree(response.body());
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
