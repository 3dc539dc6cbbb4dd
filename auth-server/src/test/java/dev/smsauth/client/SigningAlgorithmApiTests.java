package dev.smsauth.client;

import java.util.List;

import dev.smsauth.support.Api;
import dev.smsauth.support.Api.Answer;
import dev.smsauth.support.AuthServerTest;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import static dev.smsauth.support.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code idTokenSignedResponseAlg} and {@code accessTokenSignedResponseAlg} in the management API:
 * optional on POST (RS256), changeable by PATCH, in every answer, stored in the registered client's
 * token settings (the framework's ID-token setting and ours), and refused with a 400 naming the
 * field for anything but RS256, PS256 and ES256: {@code none} and HMAC above all.
 */
@AuthServerTest
class SigningAlgorithmApiTests {

	static final List<String> FIELDS = List.of("idTokenSignedResponseAlg", "accessTokenSignedResponseAlg");

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	Api api;

	@BeforeEach
	void setUp() {
		api = Api.management("http://localhost:" + port);
	}

	static String app(String name, String members) {
		return "{\"name\":" + quote(name) + ",\"redirectUris\":[\"https://rp.example.com/cb\"]" + members + "}";
	}

	JsonNode create(String json) {
		Answer answer = api.post("/api/v1/applications", json);
		assertThat(answer.status()).as("create %s -> %s", json, answer).isEqualTo(201);
		return answer.json();
	}

	TokenSettings tokenSettings(JsonNode app) {
		return clients.findByClientId(app.get("clientId").asString()).getTokenSettings();
	}

	@Test
	void whenLeftOutThenRs256ForBothTokens() {
		JsonNode app = create(app("Default algorithms", ""));

		for (String field : FIELDS) {
			assertThat(app.get(field).asString()).as(field).isEqualTo("RS256");
			assertThat(api.get(ApplicationApiTests.path(app)).json().get(field).asString()).isEqualTo("RS256");
		}
		assertThat(tokenSettings(app).getIdTokenSignatureAlgorithm()).isEqualTo(SignatureAlgorithm.RS256);
		assertThat(tokenSettings(app).getSettings()).isEqualTo(ApplicationService.defaultTokenSettings().getSettings());
	}

	@Test
	void whenChosenOnCreateThenStoredForTheFrameworkAndShownInEveryAnswer() {
		JsonNode app = create(app("Chosen algorithms",
				",\"idTokenSignedResponseAlg\":\"ES256\",\"accessTokenSignedResponseAlg\":\"PS256\""));

		assertThat(app.get("idTokenSignedResponseAlg").asString()).isEqualTo("ES256");
		assertThat(app.get("accessTokenSignedResponseAlg").asString()).isEqualTo("PS256");
		JsonNode read = api.get(ApplicationApiTests.path(app)).json();
		assertThat(read.get("idTokenSignedResponseAlg").asString()).isEqualTo("ES256");
		assertThat(read.get("accessTokenSignedResponseAlg").asString()).isEqualTo("PS256");
		assertThat(tokenSettings(app).getIdTokenSignatureAlgorithm()).isEqualTo(SignatureAlgorithm.ES256);
		assertThat(ClientSettingNames.accessTokenSigningAlgorithm(tokenSettings(app))).isEqualTo(SigningAlgorithm.PS256);
	}

	@Test
	void whenPatchedThenOnlyThatAlgorithmChangesAndTheAuditNamesIt() {
		JsonNode app = create(app("Patched algorithm", ""));

		Answer patched = api.patch(ApplicationApiTests.path(app), "{\"idTokenSignedResponseAlg\":\"PS256\"}");

		assertThat(patched.status()).as("%s", patched).isEqualTo(200);
		assertThat(patched.json().get("idTokenSignedResponseAlg").asString()).isEqualTo("PS256");
		assertThat(patched.json().get("accessTokenSignedResponseAlg").asString()).isEqualTo("RS256");
		assertThat(tokenSettings(app).getIdTokenSignatureAlgorithm()).isEqualTo(SignatureAlgorithm.PS256);
		JsonNode updated = api.get("/api/v1/audit-events?event=APPLICATION_UPDATED&clientId="
				+ app.get("clientId").asString()).json().get("items");
		assertThat(updated.get(0).get("details").asString()).isEqualTo("changed: idTokenSignedResponseAlg");

		// Another member of a PATCH leaves the algorithms alone.
		JsonNode renamed = api.patch(ApplicationApiTests.path(app), "{\"name\":\"Patched, renamed\"}").json();
		assertThat(renamed.get("idTokenSignedResponseAlg").asString()).isEqualTo("PS256");
	}

	@Test
	void whenAnythingElseThen400NamingTheFieldAndNothingChanges() {
		JsonNode app = create(app("Strict algorithms", ""));
		JsonNode before = api.get(ApplicationApiTests.path(app)).json();
		SoftAssertions softly = new SoftAssertions();
		for (String field : FIELDS) {
			for (String value : List.of("\"none\"", "\"HS256\"", "\"RS999\"", "\"rs256\"", "\"EdDSA\"", "\"\"", "5", "true",
					"[\"RS256\"]", "{\"alg\":\"RS256\"}")) {
				Answer post = api.post("/api/v1/applications", app("Strict", ",\"" + field + "\":" + value));
				softly.assertThat(post.status()).as("POST %s %s: %s", field, value, post).isEqualTo(400);
				softly.assertThat(post.isProblem()).as("POST %s %s: %s", field, value, post).isTrue();
				softly.assertThat(post.errorFields()).as("POST %s %s: %s", field, value, post).contains(field);

				Answer patch = api.patch(ApplicationApiTests.path(app), "{\"" + field + "\":" + value + "}");
				softly.assertThat(patch.status()).as("PATCH %s %s: %s", field, value, patch).isEqualTo(400);
				softly.assertThat(patch.isProblem()).as("PATCH %s %s: %s", field, value, patch).isTrue();
				softly.assertThat(patch.errorFields()).as("PATCH %s %s: %s", field, value, patch).contains(field);
			}
			Answer nullPatch = api.patch(ApplicationApiTests.path(app), "{\"" + field + "\":null}");
			softly.assertThat(nullPatch.status()).as("PATCH %s null: %s", field, nullPatch).isEqualTo(400);
			softly.assertThat(nullPatch.firstErrorField()).isEqualTo(field);
		}
		softly.assertAll();
		assertThat(api.get(ApplicationApiTests.path(app)).json()).isEqualTo(before);
	}

}
