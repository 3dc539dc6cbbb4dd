package dev.smsauth.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny stand-in for the SMS auth server on a random loopback port: discovery, JWKS,
 * token and userinfo endpoints, just enough for Spring Security to complete a sign-in.
 * The authorization and end-session endpoints are only advertised; tests read the demo's
 * redirects to them instead of following them.
 */
public final class FakeAuthorizationServer implements AutoCloseable {

	public static final String CODE = "test-authorization-code";

	public static final String ACCESS_TOKEN = "test-access-token";

	/** 2023-11-14 22:13:20 UTC. */
	public static final long AUTH_TIME = 1_700_000_000L;

	private static final JsonMapper JSON = JsonMapper.shared();

	private final HttpServer server;

	private final JWK signingKey;

	private final JWSAlgorithm algorithm;

	private final boolean advertiseUserInfo;

	private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();

	private final List<String> tokenRequestAuthorizations = new CopyOnWriteArrayList<>();

	private final List<String> userInfoAuthorizations = new CopyOnWriteArrayList<>();

	private volatile String nonce;

	private FakeAuthorizationServer(int port, boolean advertiseUserInfo, JWSAlgorithm algorithm)
			throws IOException, JOSEException {
		this.advertiseUserInfo = advertiseUserInfo;
		this.algorithm = algorithm;
		this.signingKey = JWSAlgorithm.Family.EC.contains(algorithm)
				? new ECKeyGenerator(Curve.P_256).keyID("fake-key").algorithm(algorithm).generate()
				: new RSAKeyGenerator(2048).keyID("fake-key").algorithm(algorithm).generate();
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		this.server.createContext("/.well-known/openid-configuration", this::discovery);
		this.server.createContext("/oauth2/jwks", (exchange) -> send(exchange, 200,
				new JWKSet(this.signingKey.toPublicJWK()).toString()));
		this.server.createContext("/oauth2/token", this::token);
		this.server.createContext("/userinfo", this::userInfo);
		this.server.start();
	}

	/** Starts a server whose discovery document advertises everything, userinfo included. */
	public static FakeAuthorizationServer start() {
		return start(true);
	}

	public static FakeAuthorizationServer start(boolean advertiseUserInfo) {
		return create(0, advertiseUserInfo, JWSAlgorithm.RS256);
	}

	/** Signs its ID tokens with {@code algorithm} (RS256, PS256 or ES256) and says so in discovery. */
	public static FakeAuthorizationServer signingWith(JWSAlgorithm algorithm) {
		return create(0, true, algorithm);
	}

	/** Starts on a given loopback port: an auth server that comes up late where it was expected. */
	public static FakeAuthorizationServer startOn(int port) {
		return create(port, true, JWSAlgorithm.RS256);
	}

	/** A loopback port nobody listens on (free when asked; tests use it at once). */
	public static int unusedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static FakeAuthorizationServer create(int port, boolean advertiseUserInfo, JWSAlgorithm algorithm) {
		try {
			return new FakeAuthorizationServer(port, advertiseUserInfo, algorithm);
		}
		catch (IOException | JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String issuer() {
		InetSocketAddress address = this.server.getAddress();
		return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
	}

	public String authorizationEndpoint() {
		return issuer() + "/oauth2/authorize";
	}

	public String endSessionEndpoint() {
		return issuer() + "/connect/logout";
	}

	/** The nonce the next ID token carries; a real server remembers it from /authorize. */
	public void nonceForNextToken(String nonce) {
		this.nonce = nonce;
	}

	public List<Map<String, String>> tokenRequests() {
		return List.copyOf(this.tokenRequests);
	}

	public List<String> tokenRequestAuthorizations() {
		return List.copyOf(this.tokenRequestAuthorizations);
	}

	public List<String> userInfoAuthorizations() {
		return List.copyOf(this.userInfoAuthorizations);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void discovery(HttpExchange exchange) throws IOException {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", issuer());
		document.put("authorization_endpoint", authorizationEndpoint());
		document.put("token_endpoint", issuer() + "/oauth2/token");
		document.put("jwks_uri", issuer() + "/oauth2/jwks");
		if (this.advertiseUserInfo) {
			document.put("userinfo_endpoint", issuer() + "/userinfo");
		}
		document.put("end_session_endpoint", endSessionEndpoint());
		document.put("response_types_supported", List.of("code"));
		document.put("subject_types_supported", List.of("public"));
		document.put("id_token_signing_alg_values_supported", List.of(this.algorithm.getName()));
		document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
		document.put("code_challenge_methods_supported", List.of("S256"));
		document.put("acr_values_supported", List.of("urn:smsauth:acr:pwd", "urn:smsauth:acr:mfa"));
		send(exchange, 200, JSON.writeValueAsString(document));
	}

	private void token(HttpExchange exchange) throws IOException {
		Map<String, String> form = parseForm(exchange.getRequestBody());
		this.tokenRequests.add(form);
		this.tokenRequestAuthorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
		if (!CODE.equals(form.get("code"))) {
			send(exchange, 400, "{\"error\":\"invalid_grant\"}");
			return;
		}
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("access_token", ACCESS_TOKEN);
		response.put("token_type", "Bearer");
		response.put("expires_in", 300);
		response.put("scope", "openid profile email phone offline_access");
		response.put("refresh_token", "test-refresh-token");
		response.put("id_token", idToken());
		send(exchange, 200, JSON.writeValueAsString(response));
	}

	private void userInfo(HttpExchange exchange) throws IOException {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		this.userInfoAuthorizations.add(String.valueOf(authorization));
		if (!("Bearer " + ACCESS_TOKEN).equals(authorization)) {
			send(exchange, 401, "{\"error\":\"invalid_token\"}");
			return;
		}
		send(exchange, 200, JSON.writeValueAsString(Map.of("sub", "user-42", "name", "Ada Lovelace",
				"phone_number", "+15550100", "phone_number_verified", true, "email", "ada@example.test")));
	}

	/** Looks like the ID token after the SMS step; deliberately without the name claim. */
	private String idToken() {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer())
			.subject("user-42")
			.audience("demo-client")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.claim("nonce", this.nonce)
			.claim("auth_time", AUTH_TIME)
			.claim("amr", List.of("pwd", "sms", "mfa"))
			.claim("acr", "urn:smsauth:acr:mfa")
			.claim("phone_number", "+15550100")
			.claim("email", "ada@example.test")
			.claim("sid", "session-7")
			.build();
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(this.algorithm).keyID(this.signingKey.getKeyID()).build(), claims);
			jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(this.signingKey, this.algorithm));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, String> parseForm(InputStream body) throws IOException {
		Map<String, String> form = new LinkedHashMap<>();
		String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
		for (String pair : text.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			form.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return form;
	}

	private static void send(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
