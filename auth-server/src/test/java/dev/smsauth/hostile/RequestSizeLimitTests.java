package dev.smsauth.hostile;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request size limits of application.yml (SECURITY.md, web 4): 64 KB for forms (Tomcat),
 * 512 KB for management API bodies (api/BodySizeLimitFilter), declared or chunked; 8 KB of URL
 * and headers.
 */
@AuthServerTest
class RequestSizeLimitTests {

	private static final int FORM_LIMIT = 64 * 1024;

	private static final int API_LIMIT = 512 * 1024;

	@LocalServerPort
	int port;

	String base;

	ManagementClient api;

	@BeforeEach
	void setUp() {
		base = "http://localhost:" + port;
		api = new ManagementClient(base);
	}

	@Test
	void whenSignInFormIsOver64KbThen413() throws Exception {
		HttpResponse<String> answer = post("/login", "application/x-www-form-urlencoded", null,
				"username=x&password=" + "a".repeat(FORM_LIMIT), false);
		assertThat(answer.statusCode()).isEqualTo(413);
	}

	@Test
	void whenTokenRequestIsOver64KbThen413() throws Exception {
		HttpResponse<String> answer = post("/oauth2/token", "application/x-www-form-urlencoded", null,
				"grant_type=client_credentials&scope=" + "a".repeat(FORM_LIMIT), false);
		assertThat(answer.statusCode()).isEqualTo(413);
	}

	@Test
	void whenApiBodyIsOver512KbThen413ProblemBeforeAuthentication() throws Exception {
		String body = "{\"username\":\"big\",\"password\":\"" + "a".repeat(API_LIMIT) + "\"}";
		HttpResponse<String> anonymous = post("/api/v1/users", "application/json", null, body, false);
		assertThat(anonymous.statusCode()).isEqualTo(413);
		assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(post("/api/v1/users", "application/json", api.token(), body, false).statusCode()).isEqualTo(413);
	}

	@Test
	void whenChunkedApiBodyPassesTheLimitThen413Problem() throws Exception {
		String body = "{\"username\":\"big\",\"name\":\"" + "a".repeat(API_LIMIT) + "\",\"password\":\"long-enough-1\"}";
		HttpResponse<String> answer = post("/api/v1/users", "application/json", api.token(), body, true);
		assertThat(answer.statusCode()).isEqualTo(413);
		assertThat(answer.body()).contains("\"status\":413").doesNotContain("Exception");
	}

	@Test
	void whenApiBodyIsUnderTheLimitThenValidatedAsUsual() throws Exception {
		String body = "{\"username\":\"not-so-big\",\"name\":\"" + "a".repeat(API_LIMIT - 1000) + "\",\"password\":\"long-enough-1\"}";
		HttpResponse<String> answer = post("/api/v1/users", "application/json", api.token(), body, true);
		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("\"field\":\"name\"");
	}

	@Test
	void whenUrlIsOver8KbThen4xxNot5xx() throws Exception {
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/authorize?state=" + "a".repeat(100_000))).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isBetween(400, 499);
	}

	private HttpResponse<String> post(String path, String contentType, String bearer, String body, boolean chunked)
			throws Exception {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		// An input-stream publisher has no length, so the client sends the body chunked.
		HttpRequest.BodyPublisher publisher = chunked
				? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
				: HttpRequest.BodyPublishers.ofByteArray(bytes);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", contentType)
			.POST(publisher);
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
