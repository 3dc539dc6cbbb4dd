package dev.smsauth.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw HTTP to the management API and the token endpoint, keeping every header of the answer
 * (Location, Cache-Control, WWW-Authenticate, Content-Type) so tests can assert them. Unlike
 * {@link ManagementClient} it lets a test choose the token, the content type and the exact bytes.
 */
public final class Api {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private final String base;

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String clientId;

	private final String clientSecret;

	private String token;

	private Api(String base, String clientId, String clientSecret) {
		this.base = base;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
	}

	/** Calls as the bootstrap client of the embedded default (management-cli / management-secret). */
	public static Api management(String base) {
		return new Api(base, "management-cli", "management-secret");
	}

	/** Calls with a token of the given client (scope {@code management}). */
	public static Api as(String base, String clientId, String clientSecret) {
		return new Api(base, clientId, clientSecret);
	}

	public String base() {
		return base;
	}

	/** A management token, fetched once. */
	public String token() {
		if (token == null) {
			Answer answer = clientCredentials(clientId, clientSecret, "management");
			if (answer.status() != 200) {
				throw new AssertionError("no management token for " + clientId + ": " + answer);
			}
			token = answer.json().get("access_token").asString();
		}
		return token;
	}

	public Answer get(String path) {
		return send("GET", path, token(), null, null);
	}

	public Answer post(String path, String json) {
		return send("POST", path, token(), "application/json", json);
	}

	public Answer patch(String path, String json) {
		return send("PATCH", path, token(), "application/json", json);
	}

	public Answer delete(String path) {
		return send("DELETE", path, token(), null, null);
	}

	/** Every page of a collection (GET with limit and offset), the bodies concatenated. */
	public String listAll(String collection) {
		StringBuilder all = new StringBuilder();
		for (int offset = 0;; offset += 200) {
			Answer page = get(collection + "?limit=200&offset=" + offset);
			if (page.status() != 200) {
				throw new AssertionError("list " + collection + " failed: " + page);
			}
			all.append(page.body());
			if (page.json().size() < 200) {
				return all.toString();
			}
		}
	}

	/** POST /oauth2/token with client_secret_basic and the client_credentials grant. */
	public Answer clientCredentials(String id, String secret, String scope) {
		String form = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
		return sendRaw(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
			.header("Authorization", ManagementClient.basic(id, secret))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	/**
	 * Any request: {@code bearer} null sends no Authorization header, {@code contentType} null no
	 * Content-Type, {@code body} null no body.
	 */
	public Answer send(String method, String path, String bearer, String contentType, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return sendRaw(request);
	}

	private Answer sendRaw(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A JSON string literal for {@code value}. */
	public static String quote(String value) {
		return JSON.writeValueAsString(value);
	}

	/** The string items of a JSON array. */
	public static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(item -> values.add(item.asString()));
		return values;
	}

	/** One HTTP answer. */
	public record Answer(int status, HttpHeaders headers, String body) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

		public String header(String name) {
			return headers.firstValue(name).orElse(null);
		}

		public String contentType() {
			return headers.firstValue("Content-Type").orElse("");
		}

		/** The field named by the first entry of a problem document's {@code errors}, or null. */
		public String firstErrorField() {
			JsonNode errors = json().get("errors");
			return errors == null || errors.isEmpty() ? null : errors.get(0).get("field").asString();
		}

		/** Every field named in a problem document's {@code errors}. */
		public List<String> errorFields() {
			List<String> fields = new ArrayList<>();
			JsonNode errors = json().get("errors");
			if (errors != null) {
				errors.forEach(e -> fields.add(e.get("field").asString()));
			}
			return fields;
		}

		public boolean isProblem() {
			return contentType().startsWith("application/problem+json");
		}

		@Override
		public String toString() {
			return status + " " + contentType() + " "
					+ (body.length() > 2000 ? body.substring(0, 2000) + "…" : body);
		}

	}

}
