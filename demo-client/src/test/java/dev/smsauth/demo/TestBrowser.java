package dev.smsauth.demo;

import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Talks to the running demo over real HTTP like a browser that does not follow redirects,
 * so tests can look at every hop. Keeps cookies per name (one host) and never throws on
 * error statuses: the status is what the tests check.
 */
public final class TestBrowser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private final String baseUrl;

	private final RestClient client;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	public TestBrowser(int port) {
		this.baseUrl = "http://localhost:" + port;
		HttpClient httpClient = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		this.client = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory(httpClient))
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * GET a path (or full URL on the demo) asking for HTML, as a browser does. The URI is
	 * used as given, already encoded: no template expansion.
	 */
	public ResponseEntity<String> get(String pathOrUrl) {
		ResponseEntity<String> response = this.client.get()
			.uri(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : this.baseUrl + pathOrUrl))
			.accept(MediaType.TEXT_HTML)
			.headers(this::addCookies)
			.retrieve()
			.toEntity(String.class);
		keepCookies(response);
		return response;
	}

	public ResponseEntity<String> postForm(String path, Map<String, String> fields) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		fields.forEach(form::add);
		ResponseEntity<String> response = this.client.post()
			.uri(URI.create(this.baseUrl + path))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(MediaType.TEXT_HTML)
			.headers(this::addCookies)
			.body(form)
			.retrieve()
			.toEntity(String.class);
		keepCookies(response);
		return response;
	}

	/**
	 * Clicks "Log in", lets the fake server "authenticate" the user and follows the
	 * redirect back to the demo's callback. Returns the callback's answer.
	 */
	public ResponseEntity<String> signInThrough(FakeAuthorizationServer authServer) {
		ResponseEntity<String> authorize = get("/oauth2/authorization/smsauth");
		assertThat(targetOf(authorize)).isEqualTo(authServer.authorizationEndpoint());
		Map<String, List<String>> query = queryOf(authorize);
		authServer.nonceForNextToken(query.get("nonce").get(0));
		String callback = UriComponentsBuilder.fromPath("/login/oauth2/code/smsauth")
			.queryParam("code", FakeAuthorizationServer.CODE)
			.queryParam("state", query.get("state").get(0))
			.encode()
			.toUriString();
		return get(callback);
	}

	public String cookie(String name) {
		return this.cookies.get(name);
	}

	/** Decoded query parameters of a redirect's Location. */
	public static Map<String, List<String>> queryOf(ResponseEntity<?> redirect) {
		assertThat(redirect.getHeaders().getLocation()).as("Location header").isNotNull();
		return UriComponentsBuilder.fromUri(redirect.getHeaders().getLocation())
			.build()
			.getQueryParams()
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey,
					(entry) -> entry.getValue()
						.stream()
						.map((value) -> (value != null) ? UriUtils.decode(value, "UTF-8") : "")
						.toList()));
	}

	/** Location without its query. */
	public static String targetOf(ResponseEntity<?> redirect) {
		assertThat(redirect.getHeaders().getLocation()).as("Location header").isNotNull();
		return UriComponentsBuilder.fromUri(redirect.getHeaders().getLocation()).replaceQuery(null).toUriString();
	}

	public static String csrfTokenIn(String html) {
		Matcher matcher = CSRF.matcher(html);
		assertThat(matcher.find()).as("page has a CSRF token field").isTrue();
		return matcher.group(1);
	}

	private void addCookies(HttpHeaders headers) {
		if (!this.cookies.isEmpty()) {
			headers.set(HttpHeaders.COOKIE, this.cookies.entrySet()
				.stream()
				.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
				.collect(Collectors.joining("; ")));
		}
	}

	private void keepCookies(ResponseEntity<?> response) {
		for (String header : response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
			for (HttpCookie cookie : HttpCookie.parse(header)) {
				if (cookie.getMaxAge() == 0) {
					this.cookies.remove(cookie.getName());
				}
				else {
					this.cookies.put(cookie.getName(), cookie.getValue());
				}
			}
		}
	}

}
