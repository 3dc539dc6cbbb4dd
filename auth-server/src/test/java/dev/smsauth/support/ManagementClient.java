package dev.smsauth.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives the management API the way an operator's script would: a client_credentials token for
 * the bootstrap client {@code management-cli}, then JSON over HTTP.
 */
public final class ManagementClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

	private final String base;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String clientId;

	private final String clientSecret;

	private String token;

	/** With the embedded default's bootstrap client. */
	public ManagementClient(String base) {
		this(base, "management-cli", "management-secret");
	}

	public ManagementClient(String base, String clientId, String clientSecret) {
		this.base = base;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
	}

	public String token() {
		if (token == null) {
			Response response = send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
				.header("Authorization", basic(clientId, clientSecret))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=management")));
			if (response.status() != 200) {
				throw new AssertionError("no management token: " + response);
			}
			token = response.json().get("access_token").asString();
		}
		return token;
	}

	public Response call(String method, String path, String jsonBody) {
		HttpRequest.BodyPublisher body = jsonBody == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(jsonBody);
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Authorization", "Bearer " + token())
			.header("Content-Type", "application/json")
			.method(method, body));
	}

	/** Registers an application and returns its JSON (with clientId and, if confidential, clientSecret). */
	public JsonNode createApplication(String json) {
		Response response = call("POST", "/api/v1/applications", json);
		if (response.status() != 201) {
			throw new AssertionError("application not created: " + response);
		}
		return response.json();
	}

	public JsonNode createUser(String username, String phoneNumber, String password) {
		String phone = phoneNumber == null ? "" : ",\"phoneNumber\":\"" + phoneNumber + "\"";
		Response response = call("POST", "/api/v1/users",
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"" + phone + "}");
		if (response.status() != 201) {
			throw new AssertionError("user not created: " + response);
		}
		return response.json();
	}

	public void setSms(String clientId, boolean on) {
		Response response = call("PATCH", "/api/v1/applications/" + clientId, "{\"mfa\":{\"sms\":" + on + "}}");
		if (response.status() != 200) {
			throw new AssertionError("mfa not changed: " + response);
		}
	}

	/** Every message in the dev outbox for a number, newest first. */
	public JsonNode outbox(String phoneNumber) {
		return call("GET", "/api/v1/dev/sms-outbox?to=" + phoneNumber.replace("+", "%2B"), null).json();
	}

	/** The code in the newest message to {@code phoneNumber}. */
	public String latestCode(String phoneNumber) {
		JsonNode messages = outbox(phoneNumber);
		if (messages.isEmpty()) {
			throw new AssertionError("no SMS in the outbox for " + phoneNumber);
		}
		Matcher m = CODE.matcher(messages.get(0).get("text").asString());
		if (!m.find()) {
			throw new AssertionError("no code in " + messages.get(0));
		}
		return m.group(1);
	}

	public static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** An API answer. */
	public record Response(int status, String contentType, String body) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

	}

}
