package dev.smsauth.conformance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import dev.smsauth.conformance.RelyingParty.Authz;
import dev.smsauth.conformance.RelyingParty.Client;
import dev.smsauth.conformance.RelyingParty.User;
import dev.smsauth.support.Api;
import dev.smsauth.support.Api.Answer;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.MutableClock;
import dev.smsauth.support.TestBrowser;
import net.minidev.json.JSONObject;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applications with {@code "accessTokenFormat":"reference"}: their access tokens are opaque random
 * strings that the token endpoint stores and everything that accepts our access tokens (userinfo,
 * the management API, the Prometheus scrape) resolves in our own store; introspection (RFC 7662)
 * and revocation (RFC 7009) work on them as on JWTs; the ID token stays a signed JWT. The
 * relying party is the Nimbus SDK, as in the other conformance tests.
 */
@AuthServerTest
class ReferenceAccessTokenTests {

	/** Our reference tokens are base64url; a JWT in compact form has two dots. */
	static final String BASE64URL = "[A-Za-z0-9_-]+";

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	String base;

	ManagementClient admin;

	RelyingParty rp;

	Api api;

	@BeforeEach
	void setUp() {
		clock.reset();
		base = "http://localhost:" + port;
		admin = new ManagementClient(base);
		rp = new RelyingParty(base, admin);
		api = Api.management(base);
	}

	/** A machine application whose tokens may call the management API. */
	Client managementMachine(String format) {
		return rp.register("{\"name\":\"Reference machine\",\"grantTypes\":[\"client_credentials\"],"
				+ "\"scopes\":[\"management\"],\"accessTokenFormat\":\"" + format + "\"}");
	}

	/** A confidential sign-in application (SMS off) with reference access tokens. */
	Client referenceSignInApp() {
		return rp.register("{\"name\":\"Reference RP\",\"redirectUris\":[\"" + RelyingParty.REDIRECT
				+ "\"],\"scopes\":[\"openid\",\"profile\",\"email\",\"phone\"],"
				+ "\"grantTypes\":[\"authorization_code\",\"refresh_token\"],\"mfa\":{\"sms\":false},"
				+ "\"accessTokenFormat\":\"reference\"}");
	}

	AccessToken clientCredentials(Client client, String scope) {
		HTTPResponse http = rp.token(client, new ClientCredentialsGrant(), client.basic(), new Scope(scope));
		try {
			TokenResponse response = TokenResponse.parse(http);
			assertThat(response.indicatesSuccess()).as("%s", http.getBody()).isTrue();
			return ((AccessTokenResponse) response.toSuccessResponse()).getTokens().getAccessToken();
		}
		catch (com.nimbusds.oauth2.sdk.ParseException ex) {
			throw new AssertionError("unparseable token response: " + http.getBody(), ex);
		}
	}

	OIDCTokenResponse signIn(Client client, User user, String scope) {
		Authz authz = rp.authz(client, scope);
		OIDCTokenResponse tokens = rp.redeem(client, rp.code(rp.signIn(new TestBrowser(base), authz, user), authz),
				authz);
		rp.validate(client, tokens.getOIDCTokens().getIDToken(), authz.nonce());
		return tokens;
	}

	void revoke(Client client, Token token) {
		HTTPResponse revoked = RelyingParty
			.send(new TokenRevocationRequest(rp.op.getRevocationEndpointURI(), client.basic(), token).toHTTPRequest());
		assertThat(revoked.getStatusCode()).isEqualTo(200);
	}

	Answer managementApi(String token) {
		return api.send("GET", "/api/v1/users?limit=1", token, null, null);
	}

	Answer prometheus(String token) {
		return api.send("GET", "/actuator/prometheus", token, null, null);
	}

	/** Opaque: not a JWT, base64url of at least 128 random bits. */
	static void assertOpaque(String token) {
		assertThat(token).doesNotContain(".").matches(BASE64URL);
		assertThat(Base64.getUrlDecoder().decode(token)).as("bytes of randomness").hasSizeGreaterThanOrEqualTo(16);
		assertThat(token.split("\\.")).hasSize(1);
	}

	static String sha256Hex(String value) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Moves the token's expiry into the past in the store, as if its ten minutes were over; with a
	 * new row version, as every change of a grant's row must (migration V24).
	 */
	void expire(String token) throws Exception {
		int rows = jdbc.sql("UPDATE oauth2_authorization SET access_token_expires_at = :past, "
				+ "access_token_issued_at = :issued, row_version = row_version + 1 WHERE access_token_hash = :hash")
			.param("past", Timestamp.from(Instant.now().minusSeconds(60)))
			.param("issued", Timestamp.from(Instant.now().minusSeconds(660)))
			.param("hash", sha256Hex(token))
			.update();
		assertThat(rows).isEqualTo(1);
	}

	// RFC 7662, RFC 7009, with a client_credentials reference token
	@Test
	void whenClientCredentialsAppHasReferenceTokensThenOpaqueTokenIntrospectsActiveOpensTheApiAndRevocationStopsIt() {
		Client machine = managementMachine("reference");

		AccessToken token = clientCredentials(machine, "management");

		assertThat(token.getType()).isEqualTo(AccessTokenType.BEARER);
		assertOpaque(token.getValue());
		TokenIntrospectionSuccessResponse active = rp.introspect(machine, token);
		assertThat(active.isActive()).isTrue();
		assertThat(active.getScope()).isEqualTo(new Scope("management"));
		assertThat(active.getClientID()).isEqualTo(machine.id());
		assertThat(active.getTokenType()).isEqualTo(AccessTokenType.BEARER);
		assertThat(active.getExpirationTime()).isInTheFuture();
		Answer users = managementApi(token.getValue());
		assertThat(users.status()).as("management API with the reference token: %s", users).isEqualTo(200);
		assertThat(prometheus(token.getValue()).status()).as("Prometheus scrape").isEqualTo(200);

		revoke(machine, token);

		assertThat(rp.introspect(machine, token).isActive()).as("after revocation").isFalse();
		Answer refused = managementApi(token.getValue());
		assertThat(refused.status()).as("management API after revocation: %s", refused).isEqualTo(401);
		assertThat(refused.isProblem()).isTrue();
		assertThat(prometheus(token.getValue()).status()).as("Prometheus scrape after revocation").isEqualTo(401);
	}

	/** The audit trail names the calling application, not a person, for a reference token too. */
	@Test
	void whenReferenceTokenChangesSomethingThenTheAuditEventNamesTheApplicationAsActor() {
		Client machine = managementMachine("reference");
		String token = clientCredentials(machine, "management").getValue();

		Answer created = api.send("POST", "/api/v1/users", token, "application/json",
				"{\"username\":\"ref-actor-" + System.nanoTime() + "\",\"password\":\"reference-password-1\"}");

		assertThat(created.status()).as("%s", created).isEqualTo(201);
		JsonNode events = api.get("/api/v1/audit-events?event=USER_CREATED&userId=" + created.json().get("id").asString())
			.json()
			.get("items");
		assertThat(events).hasSize(1);
		assertThat(events.get(0).get("actorType").asString()).isEqualTo("CLIENT");
		assertThat(events.get(0).get("actorId").asString()).isEqualTo(machine.id().getValue());
	}

	// oidcc-userinfo-get, oidcc-userinfo-post-header, oidcc-scope-*, with reference access tokens
	@Test
	void whenCodeFlowAppHasReferenceTokensThenUserinfoAnswersByScopeIdTokenIsASignedJwtAndRevocationStopsUserinfo()
			throws Exception {
		Client client = referenceSignInApp();
		User user = rp.user();

		OIDCTokenResponse all = signIn(client, user, "openid profile email phone");

		AccessToken accessToken = all.getOIDCTokens().getAccessToken();
		assertOpaque(accessToken.getValue());
		SignedJWT idToken = (SignedJWT) all.getOIDCTokens().getIDToken();
		assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(idToken.getParsedString().split("\\.")).hasSize(3);
		IDTokenClaimsSet idClaims = new IDTokenClaimsSet(idToken.getJWTClaimsSet());
		assertThat(idClaims.getSubject().getValue()).isEqualTo(user.id());
		assertThat(idClaims.getStringListClaim("amr")).containsExactly("pwd");
		for (HTTPRequest.Method method : List.of(HTTPRequest.Method.GET, HTTPRequest.Method.POST)) {
			JSONObject claims = RelyingParty.userInfoClaims(rp.userInfo(method, accessToken));
			assertThat(claims.keySet()).as("claims by %s", method)
				.containsExactlyInAnyOrder("sub", "name", "preferred_username", "updated_at", "email",
						"email_verified", "phone_number", "phone_number_verified");
			assertThat(claims.get("sub")).isEqualTo(user.id());
			assertThat(claims.get("name")).isEqualTo(user.name());
			assertThat(claims.get("email")).isEqualTo(user.email());
			assertThat(claims.get("phone_number")).isEqualTo(user.phoneNumber());
		}
		TokenIntrospectionSuccessResponse active = rp.introspect(client, accessToken);
		assertThat(active.isActive()).isTrue();
		assertThat(active.getSubject().getValue()).isEqualTo(user.id());
		assertThat(active.getClientID()).isEqualTo(client.id());
		// A person's token without scope management is authenticated at the API, but not allowed in.
		assertThat(managementApi(accessToken.getValue()).status()).isEqualTo(403);

		AccessToken emailOnly = signIn(client, user, "openid email").getOIDCTokens().getAccessToken();
		assertOpaque(emailOnly.getValue());
		assertThat(RelyingParty.userInfoClaims(rp.userInfo(HTTPRequest.Method.GET, emailOnly)).keySet())
			.containsExactlyInAnyOrder("sub", "email", "email_verified");

		revoke(client, accessToken);

		assertThat(rp.introspect(client, accessToken).isActive()).isFalse();
		HTTPResponse afterRevocation = rp.userInfo(HTTPRequest.Method.GET, accessToken);
		assertThat(afterRevocation.getStatusCode()).as("userinfo after revocation").isEqualTo(401);
		assertThat(afterRevocation.getHeaderValue("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
		// The other grant's token is untouched.
		assertThat(rp.userInfo(HTTPRequest.Method.GET, emailOnly).getStatusCode()).isEqualTo(200);
	}

	@Test
	void whenReferenceTokenRefreshedThenTheNewAccessTokenIsOpaqueAndWorksAtUserinfo() {
		Client client = referenceSignInApp();
		User user = rp.user();
		OIDCTokenResponse first = signIn(client, user, "openid email");

		OIDCTokenResponse refreshed = RelyingParty
			.oidcSuccess(rp.refreshRaw(client, first.getOIDCTokens().getRefreshToken()));

		AccessToken renewed = refreshed.getOIDCTokens().getAccessToken();
		assertOpaque(renewed.getValue());
		assertThat(renewed.getValue()).isNotEqualTo(first.getOIDCTokens().getAccessToken().getValue());
		assertThat(RelyingParty.userInfoClaims(rp.userInfo(HTTPRequest.Method.GET, renewed)).get("sub"))
			.isEqualTo(user.id());
	}

	// RFC 6750 3.1: whatever is presented, a token we do not consider live is 401, never a 500
	@Test
	void whenRandomStringOrRefreshTokenOrRevokedOrExpiredReferenceTokenThen401AtUserinfoAndTheApi() throws Exception {
		Client client = referenceSignInApp();
		User user = rp.user();
		OIDCTokenResponse tokens = signIn(client, user, "openid profile");
		Client machine = managementMachine("reference");
		String revoked = clientCredentials(machine, "management").getValue();
		revoke(machine, new BearerAccessToken(revoked));
		String expiredMachine = clientCredentials(machine, "management").getValue();
		assertThat(managementApi(expiredMachine).status()).as("before it expires").isEqualTo(200);
		expire(expiredMachine);
		AccessToken expiredUser = signIn(client, user, "openid profile").getOIDCTokens().getAccessToken();
		assertThat(rp.userInfo(HTTPRequest.Method.GET, expiredUser).getStatusCode()).as("before it expires")
			.isEqualTo(200);
		expire(expiredUser.getValue());
		byte[] random = new byte[96];
		new java.security.SecureRandom().nextBytes(random);

		SoftAssertions softly = new SoftAssertions();
		for (String token : List.of(Base64.getUrlEncoder().withoutPadding().encodeToString(random), "a", "a.b.c",
				"eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", tokens.getOIDCTokens().getRefreshToken().getValue(), revoked,
				expiredMachine, expiredUser.getValue())) {
			String shown = token.length() > 12 ? token.substring(0, 12) + "…" : token;
			HTTPResponse userInfo = rp.userInfo(HTTPRequest.Method.GET, new BearerAccessToken(token));
			softly.assertThat(userInfo.getStatusCode()).as("userinfo with %s", shown).isEqualTo(401);
			softly.assertThat(userInfo.getHeaderValue("WWW-Authenticate")).as("userinfo with %s", shown)
				.startsWith("Bearer")
				.contains("invalid_token");
			Answer management = managementApi(token);
			softly.assertThat(management.status()).as("API with %s: %s", shown, management).isEqualTo(401);
			softly.assertThat(management.isProblem()).as("API with %s", shown).isTrue();
			softly.assertThat(prometheus(token).status()).as("Prometheus with %s", shown).isEqualTo(401);
		}
		softly.assertThat(rp.introspect(machine, new BearerAccessToken(expiredMachine)).isActive())
			.as("introspection of the expired token")
			.isFalse();
		softly.assertAll();
	}

	@Test
	void whenApplicationSwitchedBackToJwtThenTheNextGrantIssuesASignedJwtThatOpensTheApi() throws Exception {
		Client machine = managementMachine("reference");
		String reference = clientCredentials(machine, "management").getValue();
		assertOpaque(reference);

		ManagementClient.Response switched = admin.call("PATCH", "/api/v1/applications/" + machine.id().getValue(),
				"{\"accessTokenFormat\":\"jwt\"}");
		assertThat(switched.status()).as("%s", switched.body()).isEqualTo(200);

		String jwt = clientCredentials(machine, "management").getValue();
		assertThat(jwt.split("\\.")).hasSize(3);
		SignedJWT parsed = SignedJWT.parse(jwt);
		assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(parsed.getJWTClaimsSet().getSubject()).isEqualTo(machine.id().getValue());
		assertThat(managementApi(jwt).status()).isEqualTo(200);
		assertThat(rp.introspect(machine, new BearerAccessToken(jwt)).isActive()).isTrue();
		// A reference token issued before the switch stays valid until it expires or is revoked.
		assertThat(managementApi(reference).status()).isEqualTo(200);

		ManagementClient.Response back = admin.call("PATCH", "/api/v1/applications/" + machine.id().getValue(),
				"{\"accessTokenFormat\":\"reference\"}");
		assertThat(back.status()).isEqualTo(200);
		assertOpaque(clientCredentials(machine, "management").getValue());
	}

}
