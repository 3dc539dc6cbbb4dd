package dev.smsauth.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One worker's HTTP client: HTTP/1.1 (what browsers and most relying parties use against this
 * server; it also avoids the h2c upgrade headers), never following redirects, so every hop of a
 * sign-in is a request of its own. Workers do not share one: each client has its own connection
 * pool and selector thread, so the generator does not serialise on one of them.
 */
final class Http {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final String base;

	private final HttpClient client;

	Http(String base) {
		this.base = base;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	String base() {
		return base;
	}

	Response get(String pathOrUrl, String... headers) {
		return send(request(pathOrUrl, headers).GET());
	}

	Response postForm(String pathOrUrl, Map<String, String> form, String... headers) {
		return send(request(pathOrUrl, headers).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(form))));
	}

	Response postJson(String pathOrUrl, String json, String... headers) {
		return send(request(pathOrUrl, headers).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	private HttpRequest.Builder request(String pathOrUrl, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri(pathOrUrl)).timeout(TIMEOUT);
		if (headers.length > 0) {
			builder.headers(headers);
		}
		return builder;
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response.headers().map(), base);
		}
		catch (IOException ex) {
			throw new BenchException("I/O error: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchException("interrupted", ex);
		}
	}

	URI uri(String pathOrUrl) {
		return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
	}

	static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** client_secret_basic (RFC 6749 2.3.1: id and secret form-encoded first). */
	static String basic(String clientId, String secret) {
		String pair = encode(clientId) + ":" + encode(secret);
		return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
	}

}
