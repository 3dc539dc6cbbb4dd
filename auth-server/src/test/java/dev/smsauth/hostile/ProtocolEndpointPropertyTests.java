package dev.smsauth.hostile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.smsauth.support.Pkce;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile values in every parameter of the authorization, token and userinfo endpoints, from an
 * anonymous browser and from one that is signed in: never a 5xx or a stack trace, never a
 * redirect anywhere but the registered redirect URI, tokens only with {@code no-store}.
 */
class ProtocolEndpointPropertyTests {

	static final String REDIRECT = "https://rp.example.com/cb";

	static String clientId;

	static String clientSecret;

	static Http signedIn;

	@BeforeContainer
	static void setUp() {
		JsonNode app = HostileServer.management()
			.createApplication("{\"name\":\"Hostile RP\",\"redirectUris\":[\"" + REDIRECT + "\"],"
					+ "\"scopes\":[\"openid\",\"profile\",\"phone\"],\"grantTypes\":[\"authorization_code\","
					+ "\"refresh_token\",\"client_credentials\"],\"mfa\":{\"sms\":false}}");
		clientId = app.get("clientId").asString();
		clientSecret = app.get("clientSecret").asString();
		String username = HostileServer.user("protocol", HostileServer.phone(), false);
		signedIn = new Http(HostileServer.base());
		assertThat(signedIn.signIn(username, username + "-password").status()).isEqualTo(303);
	}

	@Property(tries = 60)
	void whenAuthorizeGetsAnyParametersThenNever5xxAndNeverAForeignRedirect(
			@ForAll("authorizeParameters") List<Map.Entry<String, String>> parameters, @ForAll boolean withSession,
			@ForAll boolean post) {
		Http browser = withSession ? signedIn : new Http(HostileServer.base());
		String encoded = Http.pairs(parameters);
		Http.Reply reply = post ? browser.postForm("/oauth2/authorize", encoded)
				: browser.get("/oauth2/authorize?" + encoded);
		Statistics.collect(reply.status(), withSession ? "session" : "anonymous");
		Hostile.assertSafe(reply, parameters);
		if (reply.status() >= 300 && reply.status() < 400) {
			String location = reply.header("Location");
			// Anywhere on this server (sign-in, SMS step, consent) or the registered URI, nothing else.
			assertThat(location.startsWith("/") || location.startsWith(HostileServer.base())
					|| location.startsWith(REDIRECT + "?"))
				.as("redirect %s for %s", location, Hostile.shorten(parameters.toString()))
				.isTrue();
			if (location.startsWith(REDIRECT)) {
				assertThat(location).contains("iss=");
			}
		}
	}

	@Property(tries = 60)
	void whenTokenEndpointGetsAnyParametersThenNever5xx(
			@ForAll("tokenParameters") List<Map.Entry<String, String>> parameters, @ForAll("authorization") String authorization) {
		Http.Reply reply = new Http(HostileServer.base()).send("POST", "/oauth2/token",
				"application/x-www-form-urlencoded", Http.pairs(parameters), authorizationHeader(authorization));
		Statistics.collect(reply.status());
		Hostile.assertSafe(reply, parameters + " / " + authorization);
		if (reply.status() == 200) {
			assertThat(reply.header("Cache-Control")).contains("no-store");
		}
		else if (reply.header("Content-Type").startsWith("application/json")) {
			assertThat(reply.body()).as("%s", reply).contains("\"error\"");
		}
	}

	@Property(tries = 50)
	void whenUserinfoGetsAJunkBearerTokenThen401(@ForAll("bearerTokens") String token, @ForAll boolean post) {
		Http http = new Http(HostileServer.base());
		Http.Reply reply = post
				? http.send("POST", "/userinfo", "application/x-www-form-urlencoded",
						"access_token=" + Http.enc(token), "Authorization", "Bearer " + token)
				: http.send("GET", "/userinfo", null, null, "Authorization", "Bearer " + token);
		Statistics.collect(reply.status());
		Hostile.assertSafe(reply, token);
		assertThat(reply.status()).as("%s", reply).isIn(400, 401, 431);
	}

	@Property(tries = 40)
	void whenRevocationAndIntrospectionGetAnyTokenThenNever5xx(@ForAll("bearerTokens") String token,
			@ForAll("anyHint") String hint, @ForAll boolean introspect) {
		String body = "token=" + Http.enc(token) + "&token_type_hint=" + Http.enc(hint);
		Http.Reply reply = new Http(HostileServer.base()).send("POST",
				introspect ? "/oauth2/introspect" : "/oauth2/revoke", "application/x-www-form-urlencoded", body,
				"Authorization", dev.smsauth.support.ManagementClient.basic(clientId, clientSecret));
		Statistics.collect(reply.status());
		Hostile.assertSafe(reply, body);
	}

	@Property(tries = 40)
	void whenLogoutOrConsentGetAnyParametersThenNever5xxAndNeverAForeignRedirect(
			@ForAll("logoutParameters") List<Map.Entry<String, String>> parameters, @ForAll boolean consent,
			@ForAll boolean post) {
		String path = consent ? "/oauth2/consent" : "/connect/logout";
		String encoded = Http.pairs(parameters);
		// Logout gets a browser of its own so that it can not end the session the other properties use.
		Http browser = consent ? signedIn : new Http(HostileServer.base());
		Http.Reply reply = post ? browser.postForm(path, encoded) : browser.get(path + "?" + encoded);
		Statistics.collect(reply.status(), path);
		Hostile.assertSafe(reply, parameters);
		if (reply.status() >= 300 && reply.status() < 400) {
			String location = reply.header("Location");
			assertThat(location.startsWith("/") || location.startsWith(HostileServer.base())
					|| location.startsWith(REDIRECT))
				.as("redirect %s for %s", location, Hostile.shorten(parameters.toString()))
				.isTrue();
		}
	}

	@Provide
	Arbitrary<List<Map.Entry<String, String>>> logoutParameters() {
		Map<String, Arbitrary<String>> byName = new LinkedHashMap<>();
		byName.put("id_token_hint", Arbitraries.oneOf(bearerTokens(), Hostile.anyValue()));
		byName.put("post_logout_redirect_uri",
				Hostile.validOr(Arbitraries.of(REDIRECT, "https://evil.example.com/", "//evil.example.com")));
		byName.put("client_id", Hostile.validOr(Arbitraries.just(clientId)));
		byName.put("state", Hostile.anyValue());
		byName.put("scope", Hostile.validOr(Arbitraries.of("openid", "openid profile")));
		return Hostile.parameters(byName);
	}

	/** Header values can not hold CR, LF or non-ASCII: the client refuses to send them; send "-". */
	static String[] authorizationHeader(String value) {
		return value == null ? new String[0] : new String[] { "Authorization", value };
	}

	@Provide
	Arbitrary<List<Map.Entry<String, String>>> authorizeParameters() {
		Map<String, Arbitrary<String>> byName = new LinkedHashMap<>();
		byName.put("response_type", Hostile.validOr(Arbitraries.of("code", "token", "id_token", "code id_token", "none")));
		byName.put("client_id", Hostile.validOr(Arbitraries.of(clientId, clientId.toUpperCase(), "demo-client")));
		byName.put("redirect_uri", Hostile.validOr(Arbitraries.of(REDIRECT, REDIRECT + "/", REDIRECT + "?x=1",
				"https://RP.example.com/cb", "https://evil.example.com/cb", REDIRECT + "#f", REDIRECT + "/../evil",
				"https://rp.example.com@evil.example.com/cb", REDIRECT + "%00", REDIRECT + "a".repeat(5000))));
		byName.put("scope", Hostile.validOr(Arbitraries.of("openid", "openid profile phone", "openid management", "")));
		byName.put("state", Hostile.anyValue());
		byName.put("nonce", Hostile.anyValue());
		byName.put("code_challenge", Hostile.validOr(Arbitraries.just(Pkce.create().challenge())));
		byName.put("code_challenge_method", Hostile.validOr(Arbitraries.of("S256", "plain", "s256")));
		byName.put("prompt", Hostile.validOr(Arbitraries.of("none", "login", "consent", "select_account", "login none")));
		byName.put("max_age", Hostile.validOr(Arbitraries.of("0", "1", "3600", "-1", "99999999999999999999", "1.5")));
		byName.put("acr_values", Hostile.validOr(Arbitraries.of("urn:smsauth:acr:mfa", "urn:smsauth:acr:pwd", "mfa")));
		byName.put("ui_locales", Hostile.validOr(Arbitraries.of("en", "zh-CN", "zh-CN en", "xx-YY", "en-US-x-private")));
		byName.put("response_mode", Hostile.validOr(Arbitraries.of("query", "fragment", "form_post")));
		byName.put("request", Hostile.anyValue());
		Map<String, String> valid = new LinkedHashMap<>();
		valid.put("response_type", "code");
		valid.put("client_id", clientId);
		valid.put("redirect_uri", REDIRECT);
		valid.put("scope", "openid profile");
		valid.put("state", "s-1");
		valid.put("nonce", "n-1");
		valid.put("code_challenge", Pkce.create().challenge());
		valid.put("code_challenge_method", "S256");
		valid.put("prompt", "consent");
		valid.put("max_age", "3600");
		valid.put("acr_values", "urn:smsauth:acr:pwd");
		valid.put("ui_locales", "en");
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Hostile.spoiled(valid, byName)),
				net.jqwik.api.Tuple.of(1, Hostile.parameters(byName)));
	}

	@Provide
	Arbitrary<List<Map.Entry<String, String>>> tokenParameters() {
		Map<String, Arbitrary<String>> byName = new LinkedHashMap<>();
		byName.put("grant_type", Hostile.validOr(Arbitraries.of("authorization_code", "refresh_token",
				"client_credentials", "password", "implicit", "urn:ietf:params:oauth:grant-type:device_code",
				"urn:ietf:params:oauth:grant-type:token-exchange", "urn:ietf:params:oauth:grant-type:jwt-bearer")));
		byName.put("code", Hostile.anyValue());
		byName.put("redirect_uri", Hostile.validOr(Arbitraries.of(REDIRECT, REDIRECT + "/")));
		byName.put("code_verifier", Hostile.validOr(Arbitraries.just(Pkce.create().verifier())));
		byName.put("refresh_token", Hostile.anyValue());
		byName.put("scope", Hostile.validOr(Arbitraries.of("openid", "management", "profile phone")));
		byName.put("client_id", Hostile.validOr(Arbitraries.of(clientId, "management-cli")));
		byName.put("client_secret", Hostile.validOr(Arbitraries.of(clientSecret, "management-secret")));
		byName.put("username", Hostile.anyValue());
		byName.put("password", Hostile.anyValue());
		byName.put("client_assertion_type",
				Hostile.validOr(Arbitraries.just("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")));
		byName.put("client_assertion", Hostile.anyValue());
		return Hostile.parameters(byName);
	}

	@Provide
	Arbitrary<String> authorization() {
		Arbitrary<String> basic = Combinators.combine(Hostile.validOr(Arbitraries.of(clientId, "management-cli")),
				Hostile.validOr(Arbitraries.of(clientSecret, "management-secret")))
			.as(dev.smsauth.support.ManagementClient::basic);
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, basic),
				net.jqwik.api.Tuple.of(1, headerSafe().map(s -> "Basic " + s)),
				net.jqwik.api.Tuple.of(1, headerSafe().map(s -> "Bearer " + s)),
				net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)));
	}

	@Provide
	Arbitrary<String> bearerTokens() {
		String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
		String rsHeader = b64("{\"alg\":\"RS256\",\"kid\":\"../../etc/passwd\"}");
		String claims = b64("{\"sub\":\"admin\",\"scope\":\"management\",\"exp\":9999999999}");
		return Arbitraries.frequencyOf(
				net.jqwik.api.Tuple.of(2, Arbitraries.of(header + "." + claims + ".", rsHeader + "." + claims + ".AAAA",
						header + "." + claims, "a.b.c", "...", "", "null", "Bearer", b64("\u0000") + "." + b64("x") + ".x",
						b64("{\"alg\":\"HS256\"}") + "." + claims + ".c2lnbmF0dXJl")),
				net.jqwik.api.Tuple.of(2, headerSafe()),
				net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1_000, 20_000).map(n -> "a".repeat(n))));
	}

	@Provide
	Arbitrary<String> anyHint() {
		return Hostile.validOr(Arbitraries.of("access_token", "refresh_token", "id_token"));
	}

	/** Printable ASCII: what an HTTP client will put in a header. */
	static Arbitrary<String> headerSafe() {
		return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300).map(String::strip);
	}

	static String b64(String json) {
		return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

}
