package dev.smsauth.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import dev.smsauth.support.Api;
import dev.smsauth.support.Api.Answer;
import dev.smsauth.support.AuthServerTest;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.smsauth.support.Api.quote;
import static dev.smsauth.support.Api.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The applications half of the management API over real HTTP: registration, what is shown and
 * what never is, partial updates, deletion, redirect-URI and grant-type rules, secret rotation,
 * and how secrets and grants are kept in the database.
 */
@AuthServerTest
class ApplicationApiTests {

	static final String REDIRECT = "https://app.example.com/callback";

	static final String LOGOUT = "https://app.example.com/signed-out";

	/** 256 bits in base64url without padding is 43 characters. */
	static final String SECRET_PATTERN = "[A-Za-z0-9_-]{43,}";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Api api;

	@BeforeEach
	void setUp() {
		api = Api.management("http://localhost:" + port);
	}

	/** A confidential application with every member set, SMS on, that can also use client_credentials. */
	static String fullApplication(String name) {
		return "{\"name\":" + quote(name) + ",\"redirectUris\":[\"" + REDIRECT + "\"],\"postLogoutRedirectUris\":[\""
				+ LOGOUT + "\"],\"scopes\":[\"openid\",\"profile\",\"reports\"],"
				+ "\"grantTypes\":[\"authorization_code\",\"refresh_token\",\"client_credentials\"],"
				+ "\"public\":false,\"consentRequired\":true,\"pkceRequired\":true,\"mfa\":{\"sms\":true}}";
	}

	static String machineApplication(String name, String scope) {
		return "{\"name\":" + quote(name) + ",\"grantTypes\":[\"client_credentials\"],\"scopes\":[" + quote(scope) + "]}";
	}

	JsonNode create(String json) {
		Answer answer = api.post("/api/v1/applications", json);
		assertThat(answer.status()).as("create %s -> %s", json, answer).isEqualTo(201);
		return answer.json();
	}

	static String path(JsonNode app) {
		return "/api/v1/applications/" + app.get("clientId").asString();
	}

	@Test
	void whenApplicationCreatedThen201WithLocationClientIdAndA256BitSecretNotToBeCached() {
		Answer created = api.post("/api/v1/applications", fullApplication("Shop"));

		assertThat(created.status()).isEqualTo(201);
		JsonNode app = created.json();
		String clientId = app.get("clientId").asString();
		String secret = app.get("clientSecret").asString();
		assertThat(clientId).matches("[A-Za-z0-9_-]{20,}");
		assertThat(created.header("Location")).endsWith("/api/v1/applications/" + clientId);
		assertThat(secret).matches(SECRET_PATTERN);
		assertThat(created.header("Cache-Control")).contains("no-store");
		assertThat(app.get("name").asString()).isEqualTo("Shop");
		assertThat(strings(app.get("redirectUris"))).containsExactly(REDIRECT);
		assertThat(strings(app.get("postLogoutRedirectUris"))).containsExactly(LOGOUT);
		assertThat(strings(app.get("scopes"))).containsExactlyInAnyOrder("openid", "profile", "reports");
		assertThat(strings(app.get("grantTypes"))).containsExactlyInAnyOrder("authorization_code", "refresh_token",
				"client_credentials");
		assertThat(app.get("public").asBoolean()).isFalse();
		assertThat(app.get("consentRequired").asBoolean()).isTrue();
		assertThat(app.get("pkceRequired").asBoolean()).isTrue();
		assertThat(app.get("mfa").get("sms").asBoolean()).isTrue();
		// The secret shown is the one that works.
		assertThat(api.clientCredentials(clientId, secret, "reports").status()).isEqualTo(200);
	}

	@Test
	void whenApplicationReadOrListedThenTheSecretIsNeverShown() {
		JsonNode app = create(fullApplication("Secretive"));
		String secret = app.get("clientSecret").asString();

		Answer fetched = api.get(path(app));
		assertThat(fetched.status()).isEqualTo(200);
		assertThat(fetched.json().get("clientId").asString()).isEqualTo(app.get("clientId").asString());
		assertThat(fetched.json().has("clientSecret")).isFalse();
		assertThat(fetched.body()).doesNotContain(secret);

		String list = api.listAll("/api/v1/applications");
		assertThat(list).contains(app.get("clientId").asString()).doesNotContain(secret).doesNotContain("clientSecret");

		Answer patched = api.patch(path(app), "{\"name\":\"Still secretive\"}");
		assertThat(patched.status()).isEqualTo(200);
		assertThat(patched.body()).doesNotContain(secret).doesNotContain("clientSecret");
	}

	@Test
	void whenSmsSwitchedOffThenOnlyTheMfaFlagChanges() {
		JsonNode app = create(fullApplication("Toggle"));
		String secret = app.get("clientSecret").asString();
		JsonNode before = api.get(path(app)).json();
		assertThat(before.get("mfa").get("sms").asBoolean()).isTrue();

		Answer patched = api.patch(path(app), "{\"mfa\":{\"sms\":false}}");

		assertThat(patched.status()).isEqualTo(200);
		ObjectNode expected = (ObjectNode) before.deepCopy();
		// The older switch is the policy's "required": off is never (../shared/CONTRACT.md "Sign-in policy").
		((ObjectNode) expected.get("mfa")).put("sms", false).put("required", "never");
		assertThat(patched.json()).isEqualTo(expected);
		assertThat(api.get(path(app)).json()).isEqualTo(expected);
		// The secret is untouched by a PATCH.
		assertThat(api.clientCredentials(app.get("clientId").asString(), secret, "reports").status()).isEqualTo(200);
	}

	@Test
	void whenPatchLeavesMembersOutThenTheyStayAsTheyWere() {
		JsonNode app = create(fullApplication("Partial"));
		JsonNode before = api.get(path(app)).json();

		Answer empty = api.patch(path(app), "{}");
		assertThat(empty.status()).isEqualTo(200);
		assertThat(empty.json()).isEqualTo(before);

		Answer renamed = api.patch(path(app), "{\"name\":\"Partial, renamed\"}");
		assertThat(renamed.status()).isEqualTo(200);
		ObjectNode expected = (ObjectNode) before.deepCopy();
		expected.put("name", "Partial, renamed");
		assertThat(renamed.json()).isEqualTo(expected);
		assertThat(api.get(path(app)).json()).isEqualTo(expected);
	}

	@Test
	void whenPatchTriesToChangePublicThen400NamingPublicAndNothingChanges() {
		JsonNode app = create(fullApplication("Fixed kind"));
		JsonNode before = api.get(path(app)).json();

		Answer answer = api.patch(path(app), "{\"public\":true,\"name\":\"Other\"}");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.isProblem()).isTrue();
		assertThat(answer.firstErrorField()).isEqualTo("public");
		assertThat(api.get(path(app)).json()).isEqualTo(before);
	}

	@Test
	void whenApplicationDeletedThen204ThenGet404AndItsSecretNoLongerWorks() {
		JsonNode app = create(fullApplication("Short-lived"));
		String clientId = app.get("clientId").asString();
		String secret = app.get("clientSecret").asString();
		assertThat(api.clientCredentials(clientId, secret, "reports").status()).isEqualTo(200);

		Answer deleted = api.delete(path(app));

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(deleted.body()).isEmpty();
		Answer gone = api.get(path(app));
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.isProblem()).isTrue();
		assertThat(api.delete(path(app)).status()).isEqualTo(404);
		assertThat(api.clientCredentials(clientId, secret, "reports").status()).isEqualTo(401);
	}

	@Test
	void whenApplicationDeletedThenItsRowsInOauth2AuthorizationAreGone() {
		JsonNode app = create(machineApplication("Reporter", "reports"));
		String clientId = app.get("clientId").asString();
		String secret = app.get("clientSecret").asString();
		assertThat(api.clientCredentials(clientId, secret, "reports").status()).isEqualTo(200);
		assertThat(api.clientCredentials(clientId, secret, "reports").status()).isEqualTo(200);
		String internalId = jdbc.sql("SELECT id FROM oauth2_registered_client WHERE client_id = :c")
			.param("c", clientId)
			.query(String.class)
			.single();
		assertThat(authorizationRows(internalId)).isEqualTo(2);

		assertThat(api.delete(path(app)).status()).isEqualTo(204);

		assertThat(authorizationRows(internalId)).isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM oauth2_registered_client WHERE client_id = :c")
			.param("c", clientId)
			.query(Long.class)
			.single()).isZero();
	}

	/**
	 * ApplicationService.delete promises "no token of it stays usable"; the management API is
	 * where an unusable token matters most.
	 */
	@Test
	void whenApplicationDeletedThenItsAccessTokenNoLongerOpensTheManagementApi() {
		JsonNode app = create(machineApplication("Second admin", "management"));
		Api other = Api.as(api.base(), app.get("clientId").asString(), app.get("clientSecret").asString());
		assertThat(other.get("/api/v1/users?limit=1").status()).isEqualTo(200);

		assertThat(api.delete(path(app)).status()).isEqualTo(204);

		Answer afterDelete = other.get("/api/v1/users?limit=1");
		assertThat(afterDelete.status()).as("token of a deleted application: %s", afterDelete).isEqualTo(401);
	}

	long authorizationRows(String registeredClientId) {
		return jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization WHERE registered_client_id = :id")
			.param("id", registeredClientId)
			.query(Long.class)
			.single();
	}

	@Test
	void whenApplicationIsPublicThenNoSecretAndPkceRequired() {
		Answer created = api.post("/api/v1/applications",
				"{\"name\":\"Mobile\",\"public\":true,\"redirectUris\":[\"com.example.app:/cb\"],\"pkceRequired\":false}");

		assertThat(created.status()).isEqualTo(201);
		JsonNode app = created.json();
		assertThat(app.has("clientSecret")).isFalse();
		assertThat(app.get("public").asBoolean()).isTrue();
		assertThat(app.get("pkceRequired").asBoolean()).isTrue();
		assertThat(strings(app.get("grantTypes"))).containsExactlyInAnyOrder("authorization_code", "refresh_token");
		JsonNode fetched = api.get(path(app)).json();
		assertThat(fetched.has("clientSecret")).isFalse();
		assertThat(fetched.get("pkceRequired").asBoolean()).isTrue();

		Answer pkceOff = api.patch(path(app), "{\"pkceRequired\":false}");
		assertThat(pkceOff.status()).isEqualTo(400);
		assertThat(pkceOff.firstErrorField()).isEqualTo("pkceRequired");

		Answer rotate = api.post(path(app) + "/secret", null);
		assertThat(rotate.status()).isEqualTo(400);
		assertThat(rotate.isProblem()).isTrue();
		assertThat(rotate.body()).doesNotContain("\"clientSecret\":\"");
	}

	@Test
	void whenPublicApplicationAsksForClientCredentialsThen400NamingGrantTypes() {
		Answer created = api.post("/api/v1/applications",
				"{\"name\":\"Leaky\",\"public\":true,\"grantTypes\":[\"client_credentials\"]}");
		assertThat(created.status()).isEqualTo(400);
		assertThat(created.isProblem()).isTrue();
		assertThat(created.errorFields()).contains("grantTypes");

		JsonNode app = create("{\"name\":\"Mobile 2\",\"public\":true,\"redirectUris\":[\"com.example.app:/cb\"]}");
		Answer patched = api.patch(path(app), "{\"grantTypes\":[\"authorization_code\",\"client_credentials\"]}");
		assertThat(patched.status()).isEqualTo(400);
		assertThat(patched.firstErrorField()).isEqualTo("grantTypes");
		assertThat(strings(api.get(path(app)).json().get("grantTypes"))).doesNotContain("client_credentials");
	}

	@Test
	void whenGrantTypeIsImplicitOrPasswordThen400NamingGrantTypes() {
		SoftAssertions softly = new SoftAssertions();
		for (String grant : List.of("implicit", "password", "urn:ietf:params:oauth:grant-type:device_code", "")) {
			Answer answer = api.post("/api/v1/applications", "{\"name\":\"Legacy\",\"redirectUris\":[\"" + REDIRECT
					+ "\"],\"grantTypes\":[\"authorization_code\"," + quote(grant) + "]}");
			softly.assertThat(answer.status()).as("grant %s: %s", grant, answer).isEqualTo(400);
			softly.assertThat(answer.isProblem()).as("grant %s: %s", grant, answer).isTrue();
			softly.assertThat(answer.firstErrorField()).as("grant %s", grant).isEqualTo("grantTypes");
		}
		Answer none = api.post("/api/v1/applications", "{\"name\":\"Nothing\",\"grantTypes\":[]}");
		softly.assertThat(none.status()).isEqualTo(400);
		softly.assertThat(none.errorFields()).contains("grantTypes");
		softly.assertAll();
	}

	@Test
	void whenRedirectUriIsUnsafeThen400NamingRedirectUris() {
		SoftAssertions softly = new SoftAssertions();
		for (String uri : List.of("http://app.example.com/callback", "https://app.example.com/callback#fragment",
				"https://app.example.com/callback#", "/callback", "callback", "javascript:alert(1)",
				"JavaScript:alert(document.cookie)", "data:text/html,hi", "http://localhost.evil.example/cb",
				"https:///no-host", "https://app.example.com/a b", "")) {
			Answer answer = api.post("/api/v1/applications",
					"{\"name\":\"Unsafe\",\"redirectUris\":[" + quote(uri) + "]}");
			softly.assertThat(answer.status()).as("redirect URI '%s': %s", uri, answer).isEqualTo(400);
			softly.assertThat(answer.isProblem()).as("redirect URI '%s'", uri).isTrue();
			softly.assertThat(answer.firstErrorField()).as("redirect URI '%s'", uri).isEqualTo("redirectUris");
		}
		Answer logout = api.post("/api/v1/applications", "{\"name\":\"Unsafe\",\"redirectUris\":[\"" + REDIRECT
				+ "\"],\"postLogoutRedirectUris\":[\"javascript:alert(1)\"]}");
		softly.assertThat(logout.status()).isEqualTo(400);
		softly.assertThat(logout.firstErrorField()).isEqualTo("postLogoutRedirectUris");
		Answer missing = api.post("/api/v1/applications", "{\"name\":\"No redirect\"}");
		softly.assertThat(missing.status()).as("code flow without a redirect URI: %s", missing).isEqualTo(400);
		softly.assertThat(missing.firstErrorField()).isEqualTo("redirectUris");
		softly.assertAll();
	}

	@Test
	void whenRedirectUriIsLoopbackHttpOrHttpsOrPrivateUseSchemeThenAccepted() {
		SoftAssertions softly = new SoftAssertions();
		for (String uri : List.of("http://localhost:8080/login/oauth2/code/x", "http://localhost/cb",
				"http://127.0.0.1:51234/cb", "https://app.example.com/cb?tenant=1", "com.example.app:/cb")) {
			Answer answer = api.post("/api/v1/applications", "{\"name\":\"Fine\",\"redirectUris\":[" + quote(uri) + "]}");
			softly.assertThat(answer.status()).as("redirect URI '%s': %s", uri, answer).isEqualTo(201);
			if (answer.status() == 201) {
				softly.assertThat(strings(answer.json().get("redirectUris"))).as(uri).containsExactly(uri);
			}
		}
		softly.assertAll();
	}

	@Test
	void whenSecretRotatedThenNewSecretWorksAndOldOneGets401() {
		JsonNode app = create(machineApplication("Rotating", "reports"));
		String clientId = app.get("clientId").asString();
		String oldSecret = app.get("clientSecret").asString();
		assertThat(api.clientCredentials(clientId, oldSecret, "reports").status()).isEqualTo(200);

		Answer rotated = api.post(path(app) + "/secret", null);

		assertThat(rotated.status()).isEqualTo(200);
		assertThat(rotated.header("Cache-Control")).contains("no-store");
		String newSecret = rotated.json().get("clientSecret").asString();
		assertThat(newSecret).matches(SECRET_PATTERN).isNotEqualTo(oldSecret);
		assertThat(rotated.json().get("clientId").asString()).isEqualTo(clientId);
		Answer oldFails = api.clientCredentials(clientId, oldSecret, "reports");
		assertThat(oldFails.status()).isEqualTo(401);
		assertThat(oldFails.body()).contains("invalid_client");
		Answer newWorks = api.clientCredentials(clientId, newSecret, "reports");
		assertThat(newWorks.status()).isEqualTo(200);
		assertThat(newWorks.json().get("access_token").asString()).isNotBlank();
		assertThat(api.get(path(app)).body()).doesNotContain(newSecret);
	}

	@Test
	void whenStoredThenClientSecretIsSha256OfTheSecretNeverThePlainValue() throws Exception {
		JsonNode app = create(machineApplication("Stored", "reports"));
		String secret = app.get("clientSecret").asString();

		String stored = storedSecret(app.get("clientId").asString());

		assertThat(stored).startsWith("{sha256}").doesNotContain(secret);
		assertThat(stored).isEqualTo("{sha256}" + sha256Hex(secret));

		String rotated = api.post(path(app) + "/secret", null).json().get("clientSecret").asString();
		assertThat(storedSecret(app.get("clientId").asString())).isEqualTo("{sha256}" + sha256Hex(rotated))
			.doesNotContain(rotated);
	}

	/**
	 * Client secrets are 256 random bits and stored as SHA-256 on purpose (Sha256SecretEncoder: an
	 * adaptive hash would only slow the token endpoint). Using the secret must not change that.
	 */
	@Test
	void whenSecretUsedAtTheTokenEndpointThenItStaysStoredAsSha256() throws Exception {
		JsonNode app = create(machineApplication("Used", "reports"));
		String clientId = app.get("clientId").asString();
		String secret = app.get("clientSecret").asString();
		assertThat(storedSecret(clientId)).isEqualTo("{sha256}" + sha256Hex(secret));

		assertThat(api.clientCredentials(clientId, secret, "reports").status()).isEqualTo(200);

		assertThat(storedSecret(clientId)).as("stored client_secret after one token request")
			.isEqualTo("{sha256}" + sha256Hex(secret));
	}

	String storedSecret(String clientId) {
		return jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = :c")
			.param("c", clientId)
			.query(String.class)
			.single();
	}

	static String sha256Hex(String value) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void whenScopeIsNotAScopeTokenThen400NamingScopes() {
		SoftAssertions softly = new SoftAssertions();
		for (String scope : List.of("two words", "quote\"d", "back\\slash", "")) {
			Answer answer = api.post("/api/v1/applications",
					"{\"name\":\"Scopes\",\"grantTypes\":[\"client_credentials\"],\"scopes\":[" + quote(scope) + "]}");
			softly.assertThat(answer.status()).as("scope '%s': %s", scope, answer).isEqualTo(400);
			softly.assertThat(answer.firstErrorField()).as("scope '%s'", scope).isEqualTo("scopes");
		}
		softly.assertAll();
	}

}
