package dev.smsauth.token;

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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** ../shared/SECURITY.md OAuth 6: presenting a rotated-out refresh token revokes the grant. */
@AuthServerTest
class RefreshTokenReuseTests {

	static final String REDIRECT = "https://rp.example.com/cb";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void whenRotatedOutRefreshTokenPresentedThenGrantRevokedAndNewestTokensStopWorking() throws Exception {
		String base = "http://localhost:" + port;
		ManagementClient admin = new ManagementClient(base);
		JsonNode app = admin.createApplication("{\"name\":\"Refresh app\",\"redirectUris\":[\"" + REDIRECT
				+ "\"],\"scopes\":[\"openid\",\"offline_access\"]}");
		String clientId = app.get("clientId").asString();
		String secret = app.get("clientSecret").asString();
		admin.createUser("refresh-user", null, "refresh-password-1");
		TestBrowser browser = new TestBrowser(base);
		SignInFlow flow = new SignInFlow(browser, clientId, REDIRECT);
		flow.authorize("openid offline_access", Map.of());
		TestBrowser.Page toApp = browser.next(flow.signIn("refresh-user", "refresh-password-1"));
		JsonNode first = flow.exchange(SignInFlow.codeIn(toApp), secret);
		String firstRefresh = first.get("refresh_token").asString();

		JsonNode second = refresh(base, clientId, secret, firstRefresh);
		assertThat(second.get("_status").asInt()).isEqualTo(200);
		String secondRefresh = second.get("refresh_token").asString();
		assertThat(secondRefresh).isNotEqualTo(firstRefresh);
		// This grant's history only: other test classes on the same server refresh tokens too.
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM refresh_token_history WHERE authorization_id IN "
				+ "(SELECT id FROM oauth2_authorization WHERE principal_name = "
				+ "(SELECT id FROM user_account WHERE username = 'refresh-user'))", Integer.class)).isEqualTo(1);

		// The rotated-out token comes back: refused, and the whole grant is gone.
		JsonNode replay = refresh(base, clientId, secret, firstRefresh);
		assertThat(replay.get("error").asString()).isEqualTo("invalid_grant");
		assertThat(refresh(base, clientId, secret, secondRefresh).get("error").asString()).isEqualTo("invalid_grant");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_authorization WHERE principal_name = "
				+ "(SELECT id FROM user_account WHERE username = 'refresh-user')", Integer.class)).isZero();
	}

	private static JsonNode refresh(String base, String clientId, String secret, String refreshToken) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
				.header("Authorization", ManagementClient.basic(clientId, secret))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
						+ URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)))
				.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode json = JsonMapper.builder().build().readTree(response.body());
		((tools.jackson.databind.node.ObjectNode) json).put("_status", response.statusCode());
		return json;
	}

}
