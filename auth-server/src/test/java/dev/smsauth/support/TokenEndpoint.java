package dev.smsauth.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One confidential client at the token and introspection endpoints, over real HTTP, with
 * client_secret_basic: single requests, and many identical requests released at the same instant
 * (for races on one code or one refresh token), spread over one or more nodes.
 */
public final class TokenEndpoint {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String clientId;

	private final String secret;

	public TokenEndpoint(String clientId, String secret) {
		this.clientId = clientId;
		this.secret = secret;
	}

	/** An answer: the HTTP status, and the JSON body (or null when the body is not JSON). */
	public record Answer(int status, JsonNode json, String body) {

		public String error() {
			return json == null || !json.has("error") ? null : json.get("error").asString();
		}

		public String get(String field) {
			return json == null || !json.has(field) ? null : json.get(field).asString();
		}

	}

	public String clientId() {
		return clientId;
	}

	/** Redeems a code for the redirect URI of {@link GrantRaces}. */
	public Answer redeem(String base, String code, String verifier) {
		return post(HttpClient.newHttpClient(), base + "/oauth2/token", codeForm(code, GrantRaces.REDIRECT, verifier));
	}

	public Answer refresh(String base, String refreshToken) {
		return post(HttpClient.newHttpClient(), base + "/oauth2/token", refreshForm(refreshToken));
	}

	public static String refreshForm(String refreshToken) {
		return "grant_type=refresh_token&refresh_token=" + enc(refreshToken);
	}

	public static String codeForm(String code, String redirectUri, String verifier) {
		return "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(redirectUri)
				+ "&code_verifier=" + enc(verifier);
	}

	/** RFC 7662: is the token active? */
	public boolean active(String base, String token) {
		Answer answer = post(HttpClient.newHttpClient(), base + "/oauth2/introspect", "token=" + enc(token));
		if (answer.status() != 200) {
			throw new AssertionError("introspection failed: " + answer);
		}
		return answer.json().get("active").asBoolean();
	}

	/**
	 * Sends {@code count} copies of one token request, request i to {@code bases[i % bases.length]},
	 * each on its own thread and connection; all wait at one latch so they reach the server together.
	 */
	public List<Answer> race(int count, String form, String... bases) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(count);
		// Not the racing threads as the client's executor: they are all blocked in send().
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		try {
			CountDownLatch ready = new CountDownLatch(count);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Answer>> answers = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String base = bases[i % bases.length];
				answers.add(threads.submit(() -> {
					ready.countDown();
					go.await();
					return post(http, base + "/oauth2/token", form);
				}));
			}
			ready.await(30, TimeUnit.SECONDS);
			go.countDown();
			List<Answer> result = new ArrayList<>();
			for (Future<Answer> answer : answers) {
				result.add(answer.get(120, TimeUnit.SECONDS));
			}
			return result;
		}
		finally {
			threads.shutdownNow();
		}
	}

	private Answer post(HttpClient http, String url, String form) {
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
				.header("Authorization", ManagementClient.basic(clientId, secret))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.timeout(Duration.ofSeconds(60))
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode json;
			try {
				json = JSON.readTree(response.body());
			}
			catch (RuntimeException notJson) {
				json = null;
			}
			return new Answer(response.statusCode(), json, response.body());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
