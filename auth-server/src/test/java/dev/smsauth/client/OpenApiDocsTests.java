package dev.smsauth.client;

import dev.smsauth.support.Api;
import dev.smsauth.support.Api.Answer;
import dev.smsauth.support.AuthServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The management API describes itself at /v3/api-docs, without a token. */
@AuthServerTest
class OpenApiDocsTests {

	@LocalServerPort
	int port;

	@Test
	void whenApiDocsRequestedThen200JsonListingApplicationsAndUsersPaths() {
		Api api = Api.management("http://localhost:" + port);

		Answer docs = api.send("GET", "/v3/api-docs", null, null, null);

		assertThat(docs.status()).as("%s", docs).isEqualTo(200);
		assertThat(docs.contentType()).startsWith("application/json");
		JsonNode json = docs.json();
		assertThat(json.get("openapi").asString()).startsWith("3.");
		JsonNode paths = json.get("paths");
		assertThat(paths.has("/api/v1/applications")).as("paths: %s", paths.propertyNames()).isTrue();
		assertThat(paths.has("/api/v1/applications/{clientId}")).isTrue();
		assertThat(paths.has("/api/v1/applications/{clientId}/secret")).isTrue();
		assertThat(paths.has("/api/v1/users")).isTrue();
		assertThat(paths.has("/api/v1/users/{id}")).isTrue();
		assertThat(paths.get("/api/v1/applications").has("post")).isTrue();
		assertThat(paths.get("/api/v1/users/{id}").has("patch")).isTrue();
		assertThat(paths.get("/api/v1/users/{id}").has("delete")).isTrue();
		// Only the management API is described, not the hosted pages.
		assertThat(paths.has("/login")).isFalse();
	}

	@Test
	void whenApiDocsRequestedThenApplicationsDescribeAccessTokenFormatWithItsTwoValues() {
		Api api = Api.management("http://localhost:" + port);

		JsonNode schemas = api.send("GET", "/v3/api-docs", null, null, null).json().get("components").get("schemas");

		for (String schema : new String[] { "ApplicationRequest", "ApplicationResource" }) {
			assertThat(schemas.has(schema)).as("schemas: %s", schemas.propertyNames()).isTrue();
			JsonNode format = schemas.get(schema).get("properties").get("accessTokenFormat");
			assertThat(format).as("%s.accessTokenFormat", schema).isNotNull();
			assertThat(format.get("type").asString()).isEqualTo("string");
			assertThat(Api.strings(format.get("enum"))).as("%s.accessTokenFormat enum", schema)
				.containsExactlyInAnyOrder("jwt", "reference");
		}
		assertThat(schemas.get("ApplicationRequest").get("properties").get("accessTokenFormat").get("default").asString())
			.isEqualTo("jwt");
	}

}
