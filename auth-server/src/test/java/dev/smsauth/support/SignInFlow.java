package dev.smsauth.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The steps of a browser sign-in through the hosted pages, each one asserting nothing but
 * returning what the server answered, so tests can check every hop themselves.
 */
public final class SignInFlow {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TestBrowser browser;

	private final String clientId;

	private final String redirectUri;

	private final Pkce pkce = Pkce.create();

	public SignInFlow(TestBrowser browser, String clientId, String redirectUri) {
		this.browser = browser;
		this.clientId = clientId;
		this.redirectUri = redirectUri;
	}

	public Pkce pkce() {
		return pkce;
	}

	public TestBrowser browser() {
		return browser;
	}

	public String clientId() {
		return clientId;
	}

	/** GET /oauth2/authorize with state, nonce, PKCE and any extra parameters. */
	public TestBrowser.Page authorize(String scope, Map<String, String> extra) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(browser.base() + "/oauth2/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", clientId)
			.queryParam("redirect_uri", redirectUri)
			.queryParam("scope", scope)
			.queryParam("state", "state-123")
			.queryParam("nonce", "nonce-456")
			.queryParam("code_challenge", pkce.challenge())
			.queryParam("code_challenge_method", "S256");
		extra.forEach(uri::queryParam);
		return browser.get(uri.encode().build().toUriString());
	}

	public TestBrowser.Page authorize() {
		return authorize("openid profile phone", Map.of());
	}

	/** Fills in the sign-in page and returns the answer to the POST. */
	public TestBrowser.Page signIn(String identifier, String password) {
		TestBrowser.Page login = browser.get("/login");
		return browser.submit(login, "/login", Map.of("username", identifier, "password", password));
	}

	/** Presses "Send code" on the SMS page. */
	public TestBrowser.Page sendCode() {
		TestBrowser.Page page = browser.get("/mfa/sms");
		return browser.submit(page, "/mfa/sms/send", Map.of());
	}

	/** Types a code on the SMS page and presses "Verify". */
	public TestBrowser.Page verify(String code) {
		TestBrowser.Page page = browser.get("/mfa/sms");
		return browser.submit(page, "/mfa/sms/verify", Map.of("code", code));
	}

	/** The authorization code in a redirect to the client, or null when there is none. */
	public static String codeIn(TestBrowser.Page redirect) {
		if (!redirect.isRedirect()) {
			return null;
		}
		return param(redirect, "code");
	}

	/** A query parameter of a redirect's Location, decoded. */
	public static String param(TestBrowser.Page redirect, String name) {
		String raw = UriComponentsBuilder.fromUriString(redirect.location()).build().getQueryParams().getFirst(name);
		return raw == null ? null : java.net.URLDecoder.decode(raw, StandardCharsets.UTF_8);
	}

	/** Redeems a code at the token endpoint with client_secret_basic; returns the JSON answer. */
	public JsonNode exchange(String code, String clientSecret) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		form.put("redirect_uri", redirectUri);
		form.put("code_verifier", pkce.verifier());
		String body = form.entrySet()
			.stream()
			.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(browser.base() + "/oauth2/token"))
					.header("Authorization", ManagementClient.basic(clientId, clientSecret))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode json = JSON.readTree(response.body());
			((tools.jackson.databind.node.ObjectNode) json).put("_status", response.statusCode());
			return json;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The claims of a JWT, without checking the signature (conformance tests check it). */
	public static JsonNode claims(String jwt) {
		String payload = jwt.split("\\.")[1];
		return JSON.readTree(new String(java.util.Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
	}

}
