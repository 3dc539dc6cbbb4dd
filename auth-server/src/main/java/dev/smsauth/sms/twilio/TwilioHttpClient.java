package dev.smsauth.sms.twilio;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.twilio.Twilio;
import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.HttpUtility;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * The HTTP transport under the Twilio SDK's {@code TwilioRestClient}, on the JDK's own client.
 * We give the SDK our own transport instead of its Apache {@code NetworkHttpClient} because:
 * <ul>
 * <li>timeouts: {@code NetworkHttpClient} sets its own 30.5 s connect timeout on every request,
 * whatever request config it was built with; here connect and whole-answer timeouts are ours;</li>
 * <li>no retries: the SDK's {@link #reliableRequest(Request)} repeats a POST up to three times on a
 * 5xx, which could send one code three times and holds the page; the next provider of the route
 * is {@code SmsDelivery}'s decision, so exactly one attempt is made here;</li>
 * <li>no logs: Apache HttpClient's wire and header logs print the form (the code) and the Basic
 * credentials at DEBUG; the JDK client logs nothing unless started with a system property;</li>
 * <li>tests: only scheme, host and port of the SDK's URL are replaced by {@code base-uri}, so a
 * WireMock stand-in sees exactly the path, query and form the SDK built.</li>
 * </ul>
 * It also remembers the last HTTP status on the calling thread: for a non-JSON error body the
 * SDK's exception carries no status, and a 503 must not be taken for a 401.
 */
final class TwilioHttpClient extends HttpClient {

	private final java.net.http.HttpClient client;

	private final URI baseUri;

	private final Duration timeout;

	private final ThreadLocal<Integer> lastStatus = new ThreadLocal<>();

	TwilioHttpClient(URI baseUri, Duration timeout) {
		this.baseUri = baseUri;
		this.timeout = timeout;
		this.client = java.net.http.HttpClient.newBuilder()
			.connectTimeout(timeout)
			.followRedirects(java.net.http.HttpClient.Redirect.NEVER)
			.build();
	}

	/** One attempt only (see the class comment); the SDK's copy of the last request is not kept either. */
	@Override
	public Response reliableRequest(Request request) {
		return makeRequest(request);
	}

	@Override
	public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
		return makeRequest(request);
	}

	@Override
	public Response makeRequest(Request request) {
		lastStatus.remove();
		HttpRequest.Builder http = HttpRequest.newBuilder(target(request)).timeout(timeout);
		if (request.requiresAuthentication()) {
			http.header("Authorization", request.getAuthString());
		}
		for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
			header.getValue().forEach(value -> http.header(header.getKey(), value));
		}
		http.header("X-Twilio-Client", "java-" + Twilio.VERSION)
			.header("Accept", "application/json")
			.header("User-Agent", HttpUtility.getUserAgentString(request.getUserAgentExtensions(), true));
		if (request.getMethod() == HttpMethod.GET) {
			http.GET();
		}
		else {
			boolean json = request.getContentType() != null
					&& EnumConstants.ContentType.JSON.getValue().equals(request.getContentType().getValue());
			String body = json ? request.getBody() : request.encodeFormBody();
			http.header("Content-Type", json ? "application/json" : "application/x-www-form-urlencoded; charset=utf-8")
				.method(request.getMethod().toString(),
						HttpRequest.BodyPublishers.ofString(body == null ? "" : body, StandardCharsets.UTF_8));
		}
		try {
			HttpResponse<String> response = client.send(http.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			lastStatus.set(response.statusCode());
			// With headers, even none: the SDK reads them (logs them at DEBUG) and fails on null.
			return new Response(response.body(), response.statusCode(), headers(response));
		}
		catch (IOException ex) {
			// Timeouts (HttpTimeoutException, HttpConnectTimeoutException), refused and reset connections.
			throw new ApiConnectionException("no answer from Twilio (" + ex.getClass().getSimpleName() + ")", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ApiConnectionException("interrupted while waiting for Twilio", ex);
		}
	}

	private static Header[] headers(HttpResponse<String> response) {
		return response.headers()
			.map()
			.entrySet()
			.stream()
			.flatMap(header -> header.getValue().stream().map(value -> new BasicHeader(header.getKey(), value)))
			.toArray(Header[]::new);
	}

	/** The SDK's URL with scheme, host and port of {@code base-uri}: path and query stay as the SDK built them. */
	private URI target(Request request) {
		try {
			URI sdk = request.constructURL().toURI();
			return new URI(baseUri.getScheme() + "://" + baseUri.getRawAuthority() + sdk.getRawPath()
					+ (sdk.getRawQuery() == null ? "" : "?" + sdk.getRawQuery()));
		}
		catch (URISyntaxException ex) {
			throw new ApiConnectionException("unusable Twilio URL", ex);
		}
	}

	/** The HTTP status of the last answer on this thread, or 0 when there was none. */
	int lastStatus() {
		Integer status = lastStatus.get();
		return status == null ? 0 : status;
	}

	void forgetStatus() {
		lastStatus.remove();
	}

}
