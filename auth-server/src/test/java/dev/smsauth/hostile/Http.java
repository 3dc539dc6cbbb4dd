package dev.smsauth.hostile;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cookie-keeping HTTP client for hostile input: unlike {@code TestBrowser} it sends query
 * strings and form bodies byte for byte as the test built them (repeated parameters, malformed
 * percent escapes, raw junk), so the server, not the client, decides what they mean.
 */
final class Http {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final String base;

	private final HttpClient client;

	Http(String base) {
		this.base = base;
		this.client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	String base() {
		return base;
	}

	Reply get(String pathAndQuery) {
		return send(request(pathAndQuery).GET());
	}

	/** POSTs {@code rawBody} as a form, exactly as given (already encoded, or deliberately not). */
	Reply postForm(String path, String rawBody) {
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(rawBody)));
	}

	/** Any request with extra headers (name, value pairs). */
	Reply send(String method, String path, String contentType, String body, String... headers) {
		HttpRequest.Builder request = request(path).method(method,
				body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request);
	}

	/** The CSRF token of the form on {@code path}. */
	String csrf(String path) {
		Reply page = get(path);
		Matcher m = CSRF.matcher(page.body());
		if (!m.find()) {
			throw new AssertionError("no CSRF token on " + path + ": " + page);
		}
		return m.group(1);
	}

	/** Signs in on the hosted page (password factor only). */
	Reply signIn(String username, String password) {
		return postForm("/login", form(Map.of("username", username, "password", password, "_csrf", csrf("/login"))));
	}

	/** Passes the SMS step with the newest outbox code for {@code phone}. */
	void passSms(dev.smsauth.support.ManagementClient management, String phone) {
		postForm("/mfa/sms/send", form(Map.of("_csrf", csrf("/mfa/sms"))));
		Reply verified = postForm("/mfa/sms/verify",
				form(Map.of("_csrf", csrf("/mfa/sms"), "code", management.latestCode(phone))));
		if (verified.status() != 303 || verified.header("Location").contains("/mfa/sms")) {
			throw new AssertionError("SMS step not passed: " + verified);
		}
	}

	static String form(Map<String, String> fields) {
		return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
	}

	/** name=value pairs in order, names repeated as often as they appear. */
	static String pairs(List<Map.Entry<String, String>> fields) {
		return fields.stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
	}

	static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private HttpRequest.Builder request(String pathOrUrl) {
		return HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl))
			.header("Accept", "text/html,application/xhtml+xml")
			.timeout(Duration.ofSeconds(30));
	}

	private Reply send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** One answer, every header kept. */
	record Reply(int status, Map<String, List<String>> headers, String body) {

		String header(String name) {
			return headers.entrySet()
				.stream()
				.filter(e -> e.getKey().equalsIgnoreCase(name))
				.findFirst()
				.map(e -> e.getValue().get(0))
				.orElse("");
		}

		boolean isHtml() {
			return header("Content-Type").startsWith("text/html");
		}

		@Override
		public String toString() {
			return status + " " + headers + "\n" + (body.length() > 1500 ? body.substring(0, 1500) + "…" : body);
		}

	}

}
