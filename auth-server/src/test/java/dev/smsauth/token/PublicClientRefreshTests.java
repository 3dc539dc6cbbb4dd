package dev.smsauth.token;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.smsauth.support.Api;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Public clients (native and single-page apps) with {@code refresh_token} among their grant types
 * get refresh tokens (RFC 9700 4.14): every refresh rotates it, a rotated-out one revokes the
 * grant, and the token is bound to the client. The client proves only its id, so nothing else
 * may ride on that: a confidential client still needs its secret.
 */
@AuthServerTest
class PublicClientRefreshTests {

	static final String REDIRECT = "http://127.0.0.1:8765/callback";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	String base;

	ManagementClient admin;

	@BeforeEach
	void setUp() {
		base = "http://localhost:" + port;
		admin = new ManagementClient(base);
	}

	private String publicApp(String grantTypes) {
		return admin.createApplication("{\"name\":\"Native " + UUID.randomUUID().toString().substring(0, 8)
				+ "\",\"public\":true,\"redirectUris\":[\"" + REDIRECT + "\"],\"scopes\":[\"openid\",\"offline_access\"],"
				+ "\"grantTypes\":" + grantTypes + "}")
			.get("clientId")
			.asString();
	}

	private String user() {
		String username = "native-" + UUID.randomUUID().toString().substring(0, 8);
		admin.createUser(username, null, "native-password-1");
		return username;
	}

	/** Signs in through the browser and redeems the code as a public client (client_id + verifier). */
	private JsonNode signInAndRedeem(String clientId, String username) throws Exception {
		TestBrowser browser = new TestBrowser(base);
		SignInFlow flow = new SignInFlow(browser, clientId, REDIRECT);
		flow.authorize("openid offline_access", Map.of());
		TestBrowser.Page toApp = browser.next(flow.signIn(username, "native-password-1"));
		String code = SignInFlow.codeIn(toApp);
		assertThat(code).as("code in %s", toApp.location()).isNotNull();
		return token(null, Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
				"client_id", clientId, "code_verifier", flow.pkce().verifier()));
	}

	private JsonNode refresh(String clientId, String refreshToken) throws Exception {
		return token(null, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", clientId));
	}

	private JsonNode token(String authorization, Map<String, String> form) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form.entrySet()
				.stream()
				.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"))));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode json = Api.JSON.readTree(response.body());
		((tools.jackson.databind.node.ObjectNode) json).put("_status", response.statusCode());
		return json;
	}

	private int grantsOf(String clientId) {
		return jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization a JOIN oauth2_registered_client c "
				+ "ON a.registered_client_id = c.id WHERE c.client_id = :client")
			.param("client", clientId)
			.query(Integer.class)
			.single();
	}

	@Test
	void whenPublicClientHasTheRefreshGrantThenItsRefreshTokenRotatesAndReuseRevokesTheGrant() throws Exception {
		String clientId = publicApp("[\"authorization_code\",\"refresh_token\"]");
		JsonNode first = signInAndRedeem(clientId, user());
		assertThat(first.get("_status").asInt()).as("%s", first).isEqualTo(200);
		String firstRefresh = first.get("refresh_token").asString();
		assertThat(firstRefresh).isNotBlank();

		JsonNode second = refresh(clientId, firstRefresh);
		assertThat(second.get("_status").asInt()).as("%s", second).isEqualTo(200);
		assertThat(second.get("access_token").asString()).isNotEqualTo(first.get("access_token").asString());
		String secondRefresh = second.get("refresh_token").asString();
		assertThat(secondRefresh).isNotBlank().isNotEqualTo(firstRefresh);
		assertThat(second.get("scope").asString()).contains("offline_access");

		// The rotated-out token comes back (a stolen copy, or the app replaying): the grant ends.
		JsonNode replay = refresh(clientId, firstRefresh);
		assertThat(replay.get("error").asString()).isEqualTo("invalid_grant");
		assertThat(refresh(clientId, secondRefresh).get("error").asString()).isEqualTo("invalid_grant");
		assertThat(grantsOf(clientId)).isZero();
		assertThat(Api.management(base).send("GET", "/userinfo", second.get("access_token").asString(), null, null)
			.status()).isEqualTo(401);
	}

	@Test
	void whenPublicClientLacksTheRefreshGrantThenNoRefreshTokenAndRefreshRefused() throws Exception {
		String clientId = publicApp("[\"authorization_code\"]");
		JsonNode tokens = signInAndRedeem(clientId, user());

		assertThat(tokens.get("_status").asInt()).isEqualTo(200);
		assertThat(tokens.has("refresh_token")).isFalse();
		// Our provider refuses the client; the framework's public-client provider then asks for the PKCE
		// verifier a refresh never has: invalid_grant, and no token.
		JsonNode refused = refresh(clientId, "any-value");
		assertThat(refused.get("_status").asInt()).as("%s", refused).isEqualTo(400);
		assertThat(refused.get("error").asString()).isEqualTo("invalid_grant");
		assertThat(refused.has("access_token")).isFalse();
	}

	@Test
	void whenAnotherClientPresentsThePublicClientsRefreshTokenThenInvalidGrant() throws Exception {
		String owner = publicApp("[\"authorization_code\",\"refresh_token\"]");
		String other = publicApp("[\"authorization_code\",\"refresh_token\"]");
		String refreshToken = signInAndRedeem(owner, user()).get("refresh_token").asString();

		JsonNode stolen = refresh(other, refreshToken);

		assertThat(stolen.get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void whenAConfidentialClientRefreshesWithItsIdButNoSecretThenInvalidClient() throws Exception {
		JsonNode app = admin.createApplication("{\"name\":\"Web " + UUID.randomUUID().toString().substring(0, 8)
				+ "\",\"redirectUris\":[\"https://web.example.com/cb\"],\"scopes\":[\"openid\",\"offline_access\"]}");

		JsonNode refused = refresh(app.get("clientId").asString(), "any-value");

		assertThat(refused.get("_status").asInt()).isEqualTo(401);
		assertThat(refused.get("error").asString()).isEqualTo("invalid_client");
	}

}
