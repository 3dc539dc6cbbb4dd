package dev.smsauth.client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ConfigurationSettingNames;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import static dev.smsauth.support.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code accessTokenFormat} in the management API: optional on POST (default {@code jwt}),
 * changeable by PATCH, in every answer, refused with a 400 naming it for any other value, and
 * stored as the registered client's token format with every other token setting untouched.
 */
@AuthServerTest
class AccessTokenFormatApiTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	Api api;

	@BeforeEach
	void setUp() {
		api = Api.management("http://localhost:" + port);
	}

	static String machine(String name, String formatMember) {
		return "{\"name\":" + quote(name) + ",\"grantTypes\":[\"client_credentials\"],\"scopes\":[\"reports\"]"
				+ formatMember + "}";
	}

	JsonNode create(String json) {
		Answer answer = api.post("/api/v1/applications", json);
		assertThat(answer.status()).as("create %s -> %s", json, answer).isEqualTo(201);
		return answer.json();
	}

	/** The application in the list answer (paging through it); every item there must name its format. */
	JsonNode listed(String clientId) {
		for (int offset = 0;; offset += 200) {
			Answer page = api.get("/api/v1/applications?limit=200&offset=" + offset);
			assertThat(page.status()).isEqualTo(200);
			for (JsonNode item : page.json()) {
				assertThat(item.has("accessTokenFormat")).as("%s", item).isTrue();
				if (item.get("clientId").asString().equals(clientId)) {
					return item;
				}
			}
			assertThat(page.json().size()).as("%s not listed", clientId).isEqualTo(200);
		}
	}

	TokenSettings tokenSettings(JsonNode app) {
		return clients.findByClientId(app.get("clientId").asString()).getTokenSettings();
	}

	/** The token settings without the format: lifetimes, rotation and the rest. */
	static Map<String, Object> withoutFormat(TokenSettings settings) {
		Map<String, Object> rest = new HashMap<>(settings.getSettings());
		rest.remove(ConfigurationSettingNames.Token.ACCESS_TOKEN_FORMAT);
		return rest;
	}

	@Test
	void whenAccessTokenFormatLeftOutThenJwtInTheAnswerAndSelfContainedTokenSettingsAsBefore() {
		JsonNode app = create(machine("Default format", ""));

		assertThat(app.get("accessTokenFormat").asString()).isEqualTo("jwt");
		assertThat(api.get(ApplicationApiTests.path(app)).json().get("accessTokenFormat").asString()).isEqualTo("jwt");
		assertThat(tokenSettings(app).getSettings()).isEqualTo(ApplicationService.defaultTokenSettings().getSettings());
		assertThat(tokenSettings(app).getAccessTokenFormat()).isEqualTo(OAuth2TokenFormat.SELF_CONTAINED);
	}

	@Test
	void whenCreatedWithReferenceThenEveryAnswerSaysReferenceAndOnlyTheFormatDiffersFromTheDefaults() {
		Answer created = api.post("/api/v1/applications", machine("Opaque", ",\"accessTokenFormat\":\"reference\""));

		assertThat(created.status()).as("%s", created).isEqualTo(201);
		JsonNode app = created.json();
		assertThat(app.get("accessTokenFormat").asString()).isEqualTo("reference");
		assertThat(api.get(ApplicationApiTests.path(app)).json().get("accessTokenFormat").asString())
			.isEqualTo("reference");
		assertThat(listed(app.get("clientId").asString()).get("accessTokenFormat").asString()).isEqualTo("reference");
		assertThat(tokenSettings(app).getAccessTokenFormat()).isEqualTo(OAuth2TokenFormat.REFERENCE);
		assertThat(withoutFormat(tokenSettings(app)))
			.isEqualTo(withoutFormat(ApplicationService.defaultTokenSettings()));
	}

	@Test
	void whenFormatPatchedThenOnlyTheFormatChangesAndBackToJwtRestoresTheDefaultSettingsExactly() {
		JsonNode app = create(machine("Switching", ""));
		JsonNode before = api.get(ApplicationApiTests.path(app)).json();

		Answer toReference = api.patch(ApplicationApiTests.path(app), "{\"accessTokenFormat\":\"reference\"}");

		assertThat(toReference.status()).as("%s", toReference).isEqualTo(200);
		ObjectNode expected = (ObjectNode) before.deepCopy();
		expected.put("accessTokenFormat", "reference");
		assertThat(toReference.json()).isEqualTo(expected);
		assertThat(api.get(ApplicationApiTests.path(app)).json()).isEqualTo(expected);
		assertThat(tokenSettings(app).getAccessTokenFormat()).isEqualTo(OAuth2TokenFormat.REFERENCE);
		JsonNode updated = api.get("/api/v1/audit-events?event=APPLICATION_UPDATED&clientId="
				+ app.get("clientId").asString()).json().get("items");
		assertThat(updated).hasSize(1);
		assertThat(updated.get(0).get("details").asString()).isEqualTo("changed: accessTokenFormat");

		// Other members of a PATCH leave the format alone.
		assertThat(api.patch(ApplicationApiTests.path(app), "{\"name\":\"Switching, renamed\"}").json()
			.get("accessTokenFormat").asString()).isEqualTo("reference");

		Answer toJwt = api.patch(ApplicationApiTests.path(app), "{\"accessTokenFormat\":\"jwt\"}");
		assertThat(toJwt.status()).isEqualTo(200);
		assertThat(toJwt.json().get("accessTokenFormat").asString()).isEqualTo("jwt");
		assertThat(tokenSettings(app).getSettings()).isEqualTo(ApplicationService.defaultTokenSettings().getSettings());
	}

	@Test
	void whenAccessTokenFormatIsAnythingElseThen400NamingAccessTokenFormatAndNothingChanges() {
		JsonNode app = create(machine("Strict", ""));
		JsonNode before = api.get(ApplicationApiTests.path(app)).json();
		SoftAssertions softly = new SoftAssertions();
		for (String value : List.of("\"JWT\"", "\"Reference\"", "\"opaque\"", "\"self-contained\"", "\"\"",
				"\" jwt\"", "5", "true", "[\"jwt\"]", "{\"format\":\"jwt\"}")) {
			Answer post = api.post("/api/v1/applications", machine("Strict", ",\"accessTokenFormat\":" + value));
			softly.assertThat(post.status()).as("POST %s: %s", value, post).isEqualTo(400);
			softly.assertThat(post.isProblem()).as("POST %s: %s", value, post).isTrue();
			softly.assertThat(post.errorFields()).as("POST %s: %s", value, post).contains("accessTokenFormat");

			Answer patch = api.patch(ApplicationApiTests.path(app), "{\"accessTokenFormat\":" + value + "}");
			softly.assertThat(patch.status()).as("PATCH %s: %s", value, patch).isEqualTo(400);
			softly.assertThat(patch.isProblem()).as("PATCH %s: %s", value, patch).isTrue();
			softly.assertThat(patch.errorFields()).as("PATCH %s: %s", value, patch).contains("accessTokenFormat");
		}
		Answer nullPatch = api.patch(ApplicationApiTests.path(app), "{\"accessTokenFormat\":null}");
		softly.assertThat(nullPatch.status()).as("PATCH null: %s", nullPatch).isEqualTo(400);
		softly.assertThat(nullPatch.firstErrorField()).isEqualTo("accessTokenFormat");
		softly.assertAll();
		assertThat(api.get(ApplicationApiTests.path(app)).json()).isEqualTo(before);
	}

}
