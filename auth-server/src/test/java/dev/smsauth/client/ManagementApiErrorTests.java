package dev.smsauth.client;

import java.util.List;
import java.util.UUID;

import dev.smsauth.support.Api;
import dev.smsauth.support.Api.Answer;
import dev.smsauth.support.AuthServerTest;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.smsauth.support.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error of the management API is an RFC 9457 problem document with the right status:
 * bad bodies are 400 (naming the field when there is one) and never 500; missing or weak tokens
 * are 401 / 403; unknown ids 404.
 */
@AuthServerTest
class ManagementApiErrorTests {

	static final String PROBLEM_JSON = "application/problem+json";

	static final String BIG = "x".repeat(100_000);

	@LocalServerPort
	int port;

	Api api;

	String userPath;

	String appPath;

	@BeforeEach
	void setUp() {
		api = Api.management("http://localhost:" + port);
		Answer user = api.post("/api/v1/users", "{\"username\":" + quote(unique("errors")) + ",\"password\":\"long-enough-1\"}");
			assertThat(user.status()).as("%s", user).isEqualTo(201);
			userPath = "/api/v1/users/" + user.json().get("id").asString();
			Answer app = api.post("/api/v1/applications",
					"{\"name\":\"Errors\",\"redirectUris\":[\"https://errors.example.com/cb\"]}");
			assertThat(app.status()).as("%s", app).isEqualTo(201);
			appPath = "/api/v1/applications/" + app.json().get("clientId").asString();
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** 400, problem+json, with the status repeated in the body and no stack trace. */
	static void assertBadRequest(SoftAssertions softly, Answer answer, String what) {
		softly.assertThat(answer.status()).as("%s: %s", what, answer).isEqualTo(400);
		softly.assertThat(answer.contentType()).as("%s: %s", what, answer).startsWith(PROBLEM_JSON);
		if (answer.contentType().startsWith(PROBLEM_JSON)) {
			softly.assertThat(answer.json().get("status").asInt()).as(what).isEqualTo(400);
		}
		softly.assertThat(answer.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
	}

	List<String[]> writes() {
		return List.of(new String[] { "POST", "/api/v1/users" }, new String[] { "POST", "/api/v1/applications" },
				new String[] { "PATCH", userPath }, new String[] { "PATCH", appPath });
	}

	@Test
	void whenBodyIsMalformedJsonThen400Problem() {
		SoftAssertions softly = new SoftAssertions();
		for (String[] write : writes()) {
			for (String body : List.of("{", "{\"username\":", "{'username':'single-quotes'}", "not json",
					"{\"username\":\"a\"} trailing", "{\"a\":1,}", "\u0000")) {
				Answer answer = api.send(write[0], write[1], api.token(), "application/json", body);
				assertBadRequest(softly, answer, write[0] + " " + write[1] + " with " + body);
			}
		}
		softly.assertAll();
	}

	@Test
	void whenBodyIsAJsonArrayOrScalarThen400Problem() {
		SoftAssertions softly = new SoftAssertions();
		for (String[] write : writes()) {
			for (String body : List.of("[]", "[{\"username\":\"array-user\",\"password\":\"long-enough-1\"}]", "\"text\"",
					"42", "true", "null")) {
				Answer answer = api.send(write[0], write[1], api.token(), "application/json", body);
				assertBadRequest(softly, answer, write[0] + " " + write[1] + " with " + body);
			}
		}
		softly.assertAll();
	}

	@Test
	void whenBodyIsEmptyThen400Problem() {
		SoftAssertions softly = new SoftAssertions();
		for (String[] write : writes()) {
			assertBadRequest(softly, api.send(write[0], write[1], api.token(), "application/json", ""),
					write[0] + " " + write[1] + " with an empty body");
			assertBadRequest(softly, api.send(write[0], write[1], api.token(), "application/json", "   "),
					write[0] + " " + write[1] + " with a blank body");
		}
		softly.assertAll();
	}

	@Test
	void whenUsernameIsANumberThen400NamingUsername() {
		Answer answer = api.post("/api/v1/users", "{\"username\":5,\"password\":\"long-enough-1\"}");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith(PROBLEM_JSON);
		assertThat(answer.errorFields()).containsExactly("username");
	}

	@Test
	void whenAFieldHasTheWrongTypeThen400NamingIt() {
		SoftAssertions softly = new SoftAssertions();
		record Case(String method, String path, String body, String field) {
		}
		for (Case c : List.of(
				new Case("POST", "/api/v1/applications", "{\"name\":\"T\",\"redirectUris\":\"x\"}", "redirectUris"),
				new Case("POST", "/api/v1/applications",
						"{\"name\":\"T\",\"redirectUris\":[\"https://t.example.com/cb\"],\"public\":\"maybe\"}", "public"),
				new Case("POST", "/api/v1/applications",
						"{\"name\":\"T\",\"redirectUris\":[\"https://t.example.com/cb\"],\"mfa\":{\"sms\":\"sometimes\"}}",
						"mfa.sms"),
				new Case("POST", "/api/v1/applications",
						"{\"name\":\"T\",\"redirectUris\":[\"https://t.example.com/cb\"],\"scopes\":{\"a\":1}}", "scopes"),
				new Case("POST", "/api/v1/users", "{\"username\":[\"a\"],\"password\":\"long-enough-1\"}", "username"),
				new Case("POST", "/api/v1/users", "{\"username\":{\"a\":1},\"password\":\"long-enough-1\"}", "username"),
				new Case("PATCH", appPath, "{\"redirectUris\":\"x\"}", "redirectUris"),
				new Case("PATCH", appPath, "{\"mfa\":{\"sms\":\"yes\"}}", "mfa.sms"),
				new Case("PATCH", appPath, "{\"mfa\":\"on\"}", "mfa"),
				new Case("PATCH", appPath, "{\"name\":5}", "name"),
				new Case("PATCH", userPath, "{\"username\":5}", "username"),
				new Case("PATCH", userPath, "{\"enabled\":\"no\"}", "enabled"),
				new Case("PATCH", userPath, "{\"phoneNumber\":[\"+14155550100\"]}", "phoneNumber"))) {
			Answer answer = api.send(c.method(), c.path(), api.token(), "application/json", c.body());
			assertBadRequest(softly, answer, c.method() + " " + c.body());
			if (answer.contentType().startsWith(PROBLEM_JSON)) {
				softly.assertThat(answer.errorFields()).as("%s %s -> %s", c.method(), c.body(), answer).contains(c.field());
			}
		}
		softly.assertAll();
	}

	@Test
	void whenBodyHasAnUnknownMemberThenItIsIgnored() {
		String username = unique("extra");
		Answer user = api.post("/api/v1/users", "{\"username\":" + quote(username)
				+ ",\"password\":\"long-enough-1\",\"favouriteColour\":\"blue\",\"roles\":[\"admin\"]}");
		assertThat(user.status()).as("%s", user).isEqualTo(201);
		assertThat(user.json().get("username").asString()).isEqualTo(username);
		assertThat(user.json().has("favouriteColour")).isFalse();
		assertThat(user.json().has("roles")).isFalse();

		Answer app = api.post("/api/v1/applications",
				"{\"name\":\"Extra\",\"redirectUris\":[\"https://extra.example.com/cb\"],\"colour\":\"blue\"}");
		assertThat(app.status()).as("%s", app).isEqualTo(201);
		assertThat(app.json().has("colour")).isFalse();

		Answer patched = api.patch(userPath, "{\"name\":\"Extra Name\",\"colour\":\"blue\"}");
		assertThat(patched.status()).as("%s", patched).isEqualTo(200);
		assertThat(patched.json().get("name").asString()).isEqualTo("Extra Name");
	}

	@Test
	void whenAStringFieldIs100KilobytesThen400NamingItNever500() {
		SoftAssertions softly = new SoftAssertions();
		String q = quote(BIG);
		record Case(String method, String path, String body, String field) {
		}
		for (Case c : List.of(
				new Case("POST", "/api/v1/users", "{\"username\":" + q + ",\"password\":\"long-enough-1\"}", "username"),
				new Case("POST", "/api/v1/users",
						"{\"username\":\"big-email\",\"email\":" + quote(BIG + "@example.com") + ",\"password\":\"long-enough-1\"}",
						"email"),
				new Case("POST", "/api/v1/users",
						"{\"username\":\"big-phone\",\"phoneNumber\":" + quote("+1" + "5".repeat(100_000)) + ",\"password\":\"long-enough-1\"}",
						"phoneNumber"),
				new Case("POST", "/api/v1/users", "{\"username\":\"big-password\",\"password\":" + q + "}", "password"),
				new Case("POST", "/api/v1/users", "{\"username\":\"big-name\",\"password\":\"long-enough-1\",\"name\":" + q + "}",
						"name"),
				new Case("POST", "/api/v1/applications",
						"{\"name\":" + q + ",\"redirectUris\":[\"https://big.example.com/cb\"]}", "name"),
				new Case("POST", "/api/v1/applications",
						"{\"name\":\"Big\",\"redirectUris\":[" + quote("https://big.example.com/" + BIG) + "]}", "redirectUris"),
				new Case("POST", "/api/v1/applications",
						"{\"name\":\"Big\",\"grantTypes\":[\"client_credentials\"],\"scopes\":[" + q + "]}", "scopes"),
				new Case("POST", "/api/v1/applications",
						"{\"name\":\"Big\",\"grantTypes\":[" + q + "]}", "grantTypes"),
				new Case("PATCH", userPath, "{\"email\":" + quote(BIG + "@example.com") + "}", "email"),
				new Case("PATCH", userPath, "{\"password\":" + q + "}", "password"),
				new Case("PATCH", appPath, "{\"name\":" + q + "}", "name"),
				new Case("PATCH", appPath, "{\"postLogoutRedirectUris\":[" + quote("https://big.example.com/" + BIG) + "]}",
						"postLogoutRedirectUris"))) {
			Answer answer = api.send(c.method(), c.path(), api.token(), "application/json", c.body());
			assertBadRequest(softly, answer, c.method() + " " + c.path() + " big " + c.field());
			if (answer.contentType().startsWith(PROBLEM_JSON)) {
				softly.assertThat(answer.errorFields()).as("%s big %s", c.method(), c.field()).contains(c.field());
				softly.assertThat(answer.body().length()).as("the answer does not echo 100 kB").isLessThan(5_000);
			}
		}
		softly.assertAll();
	}

	@Test
	void whenJsonIsNestedVeryDeepThen400NotAStackOverflow() {
		String deep = "[".repeat(100_000) + "]".repeat(100_000);
		String deepObject = "{\"username\":" + "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000) + "}";
		SoftAssertions softly = new SoftAssertions();
		for (String[] write : writes()) {
			assertBadRequest(softly, api.send(write[0], write[1], api.token(), "application/json", deep),
					write[0] + " " + write[1] + " deep array");
			assertBadRequest(softly, api.send(write[0], write[1], api.token(), "application/json", deepObject),
					write[0] + " " + write[1] + " deep object");
		}
		softly.assertAll();
	}

	@Test
	void whenContentTypeIsNotJsonThen415Problem() {
		Answer answer = api.send("POST", "/api/v1/users", api.token(), "text/plain",
				"{\"username\":\"plain-text\",\"password\":\"long-enough-1\"}");

		assertThat(answer.status()).isEqualTo(415);
		assertThat(answer.contentType()).startsWith(PROBLEM_JSON);
	}

	@Test
	void whenQueryParameterHasTheWrongTypeThen400Problem() {
		SoftAssertions softly = new SoftAssertions();
		for (String query : List.of("limit=abc", "offset=1.5", "limit=99999999999")) {
			assertBadRequest(softly, api.get("/api/v1/users?" + query), "users?" + query);
			assertBadRequest(softly, api.get("/api/v1/applications?" + query), "applications?" + query);
		}
		softly.assertAll();
	}

	@Test
	void whenNoTokenThen401ProblemWithBearerChallenge() {
		SoftAssertions softly = new SoftAssertions();
		for (String[] call : List.of(new String[] { "GET", "/api/v1/users" }, new String[] { "GET", "/api/v1/applications" },
				new String[] { "POST", "/api/v1/users" }, new String[] { "DELETE", appPath },
				new String[] { "GET", "/api/v1/dev/sms-outbox?to=%2B14155550100" })) {
			Answer answer = api.send(call[0], call[1], null, "application/json",
					call[0].equals("POST") ? "{\"username\":\"anon\",\"password\":\"long-enough-1\"}" : null);
			softly.assertThat(answer.status()).as("%s %s: %s", call[0], call[1], answer).isEqualTo(401);
			softly.assertThat(answer.contentType()).as("%s %s", call[0], call[1]).startsWith(PROBLEM_JSON);
			softly.assertThat(answer.header("WWW-Authenticate")).as("%s %s", call[0], call[1]).startsWith("Bearer");
			if (answer.contentType().startsWith(PROBLEM_JSON)) {
				softly.assertThat(answer.json().get("status").asInt()).isEqualTo(401);
			}
		}
		softly.assertAll();
		// The app is still there: the unauthenticated DELETE did nothing.
		assertThat(api.get(appPath).status()).isEqualTo(200);
	}

	@Test
	void whenTokenIsInvalidThen401Problem() {
		String token = api.token();
		String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
		SoftAssertions softly = new SoftAssertions();
		for (String bad : List.of("not-a-jwt", tampered, "eyJhbGciOiJub25lIn0.eyJzY29wZSI6Im1hbmFnZW1lbnQifQ.")) {
			Answer answer = api.send("GET", "/api/v1/users", bad, null, null);
			softly.assertThat(answer.status()).as("token %s: %s", bad, answer).isEqualTo(401);
			softly.assertThat(answer.contentType()).startsWith(PROBLEM_JSON);
			softly.assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
		}
		softly.assertAll();
	}

	@Test
	void whenTokenLacksManagementScopeThen403Problem() {
		Answer app = api.post("/api/v1/applications",
				"{\"name\":\"Reports\",\"grantTypes\":[\"client_credentials\"],\"scopes\":[\"reports\"]}");
		assertThat(app.status()).isEqualTo(201);
		String clientId = app.json().get("clientId").asString();
		String secret = app.json().get("clientSecret").asString();
		Answer tokenAnswer = api.clientCredentials(clientId, secret, "reports");
		assertThat(tokenAnswer.status()).isEqualTo(200);
		String reportsToken = tokenAnswer.json().get("access_token").asString();
		// And it can not simply ask for the management scope.
		assertThat(api.clientCredentials(clientId, secret, "management").status()).isEqualTo(400);

		SoftAssertions softly = new SoftAssertions();
		for (String[] call : List.of(new String[] { "GET", "/api/v1/users" }, new String[] { "GET", "/api/v1/applications" },
				new String[] { "POST", "/api/v1/applications" }, new String[] { "DELETE", appPath })) {
			Answer answer = api.send(call[0], call[1], reportsToken, "application/json",
					call[0].equals("POST") ? "{\"name\":\"Sneaky\",\"redirectUris\":[\"https://s.example.com/cb\"]}" : null);
			softly.assertThat(answer.status()).as("%s %s: %s", call[0], call[1], answer).isEqualTo(403);
			softly.assertThat(answer.contentType()).as("%s %s", call[0], call[1]).startsWith(PROBLEM_JSON);
			if (answer.contentType().startsWith(PROBLEM_JSON)) {
				softly.assertThat(answer.json().get("status").asInt()).isEqualTo(403);
			}
		}
		softly.assertAll();
		assertThat(api.get(appPath).status()).isEqualTo(200);
	}

	@Test
	void whenIdIsUnknownThen404Problem() {
		SoftAssertions softly = new SoftAssertions();
		String longId = "z".repeat(5_000);
		for (String[] call : List.of(new String[] { "GET", "/api/v1/users/no-such-user" },
				new String[] { "PATCH", "/api/v1/users/no-such-user" }, new String[] { "DELETE", "/api/v1/users/no-such-user" },
				new String[] { "GET", "/api/v1/users/" + longId }, new String[] { "GET", "/api/v1/applications/no-such-app" },
				new String[] { "PATCH", "/api/v1/applications/no-such-app" },
				new String[] { "DELETE", "/api/v1/applications/no-such-app" },
				new String[] { "POST", "/api/v1/applications/no-such-app/secret" },
				new String[] { "GET", "/api/v1/applications/" + longId })) {
			Answer answer = api.send(call[0], call[1], api.token(), "application/json",
					call[0].equals("PATCH") ? "{\"name\":\"Nobody\"}" : null);
			String what = call[0] + " " + (call[1].length() > 60 ? call[1].substring(0, 60) + "…" : call[1]);
			softly.assertThat(answer.status()).as("%s: %s", what, answer).isEqualTo(404);
			softly.assertThat(answer.contentType()).as(what).startsWith(PROBLEM_JSON);
			if (answer.contentType().startsWith(PROBLEM_JSON)) {
				softly.assertThat(answer.json().get("status").asInt()).as(what).isEqualTo(404);
			}
		}
		softly.assertAll();
	}

	@Test
	void whenPathUnderTheApiIsUnknownThen404Problem() {
		Answer answer = api.get("/api/v1/no-such-collection");

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.contentType()).as("%s", answer).startsWith(PROBLEM_JSON);
	}

	@Test
	void whenMethodIsNotAllowedThen405Problem() {
		Answer answer = api.send("PUT", userPath, api.token(), "application/json", "{\"name\":\"Put\"}");

		assertThat(answer.status()).isEqualTo(405);
		assertThat(answer.contentType()).as("%s", answer).startsWith(PROBLEM_JSON);
	}

	@Test
	void whenProblemIsReturnedThenItHasTheRfc9457Members() {
		Answer answer = api.post("/api/v1/users", "{\"username\":\"a\",\"password\":\"short\"}");

		assertThat(answer.status()).isEqualTo(400);
		JsonNode problem = answer.json();
		assertThat(problem.get("type").asString()).isEqualTo("about:blank");
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("detail").asString()).isNotBlank();
		assertThat(answer.errorFields()).containsExactlyInAnyOrder("username", "password");
		problem.get("errors").forEach(e -> assertThat(e.get("message").asString()).isNotBlank());
	}

}
