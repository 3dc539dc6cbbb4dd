package dev.smsauth.conformance;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.nimbusds.common.contenttype.ContentType;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import dev.smsauth.conformance.RelyingParty.Authz;
import dev.smsauth.conformance.RelyingParty.Client;
import dev.smsauth.conformance.RelyingParty.User;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.MutableClock;
import dev.smsauth.support.TestBrowser;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OAuth 2.1 / RFC 9700 rules that the OpenID certification modules also probe: single-use codes
 * bound to client, redirect URI and PKCE challenge; exact redirect URI matching; public clients;
 * refused grants; revocation and introspection. Same Spring context as
 * {@link OidcBasicOpConformanceTests}.
 */
@AuthServerTest
class OAuthSecurityConformanceTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	String base;

	ManagementClient admin;

	RelyingParty rp;

	@BeforeEach
	void setUp() {
		clock.reset();
		base = "http://localhost:" + port;
		admin = new ManagementClient(base);
		rp = new RelyingParty(base, admin);
	}

	// oidcc-codereuse, oidcc-codereuse-30seconds; RFC 6749 4.1.2
	@Test
	void whenCodeRedeemedTwiceThenInvalidGrantAndFirstTokensRevoked() {
		Client client = rp.confidentialClient();
		User user = rp.user();
		Authz authz = rp.authz(client, "openid profile");
		AuthorizationCode code = rp.code(rp.signIn(new TestBrowser(base), authz, user), authz);

		OIDCTokenResponse first = rp.redeem(client, code, authz);
		AccessToken accessToken = first.getOIDCTokens().getAccessToken();
		RefreshToken refreshToken = first.getOIDCTokens().getRefreshToken();
		assertThat(refreshToken).isNotNull();
		assertThat(rp.introspect(client, accessToken).isActive()).as("before the replay").isTrue();

		HTTPResponse replay = rp.redeemRaw(client, code, authz, client.basic());
		assertThat(replay.getStatusCode()).isEqualTo(400);
		assertThat(RelyingParty.tokenError(replay).getErrorObject().getCode()).isEqualTo(OAuth2Error.INVALID_GRANT_CODE);

		assertThat(rp.introspect(client, accessToken).isActive()).as("access token of the first redemption").isFalse();
		TokenErrorResponse refresh = RelyingParty.tokenError(rp.refreshRaw(client, refreshToken));
		assertThat(refresh.getErrorObject().getCode()).as("refresh token of the first redemption")
			.isEqualTo(OAuth2Error.INVALID_GRANT_CODE);
	}

	// RFC 9700 4.1 / SECURITY.md OAuth 4: a code lives at most five minutes. The code is issued on the
	// application clock set back in time (a whole sign-in in the past), then redeemed now.
	@Test
	void whenCodeIsRedeemedMoreThanFiveMinutesAfterItWasIssuedThenInvalidGrantAndJustUnderItWorks() {
		Client client = rp.confidentialClient();
		User user = rp.user();

		clock.advance(Duration.ofMinutes(-5).minusSeconds(2));
		Authz late = rp.authz(client, "openid");
		AuthorizationCode stale = rp.code(rp.signIn(new TestBrowser(base), late, user), late);
		clock.reset();
		HTTPResponse refused = rp.redeemRaw(client, stale, late, client.basic());
		assertThat(refused.getStatusCode()).as("a code five minutes and two seconds old").isEqualTo(400);
		assertThat(RelyingParty.tokenError(refused).getErrorObject().getCode())
			.isEqualTo(OAuth2Error.INVALID_GRANT_CODE);

		clock.advance(Duration.ofMinutes(-4).minusSeconds(50));
		Authz inTime = rp.authz(client, "openid");
		AuthorizationCode fresh = rp.code(rp.signIn(new TestBrowser(base), inTime, user), inTime);
		clock.reset();
		assertThat(rp.redeem(client, fresh, inTime).getOIDCTokens().getIDToken())
			.as("a code four minutes fifty seconds old")
			.isNotNull();
	}

	// oidcc-ensure-registered-redirect-uri, RFC 9700 4.1.3, SECURITY.md OAuth 1-2
	@Test
	void whenRedirectUriNotRegisteredOrClientUnknownThenErrorPageAndNeverARedirect() {
		Client client = rp.confidentialClient();
		User user = rp.user();
		TestBrowser anonymous = new TestBrowser(base);
		TestBrowser signedIn = new TestBrowser(base);
		Authz ok = rp.authz(client, "openid");
		rp.code(rp.signIn(signedIn, ok, user), ok);

		String registered = RelyingParty.REDIRECT.toString();
		List<String> unregistered = List.of(registered + "/more", // appended path
				registered + "?extra=1", // extra query
				"https://RP.example.com/callback", // case change (host)
				"https://rp.example.com/Callback", // case change (path)
				registered + "/", // trailing slash
				"https://attacker.example.net/callback");
		SoftAssertions softly = new SoftAssertions();
		for (TestBrowser browser : List.of(anonymous, signedIn)) {
			String who = browser == anonymous ? "without session" : "signed in";
			for (String bad : unregistered) {
				Client withBadUri = new Client(client.id(), client.secret(), URI.create(bad));
				assertErrorPage(softly, browser.get(rp.authz(withBadUri, "openid").uri()), bad, who + ", " + bad);
			}
			Client unknown = new Client(new ClientID("no-such-client"), null, RelyingParty.REDIRECT);
			assertErrorPage(softly, browser.get(rp.authz(unknown, "openid").uri()), registered,
					who + ", unknown client_id");
		}
		softly.assertAll();
	}

	private static void assertErrorPage(SoftAssertions softly, TestBrowser.Page page, String redirectUri, String what) {
		softly.assertThat(page.status()).as("%s: status", what).isBetween(400, 499);
		softly.assertThat(page.header("Location")).as("%s: Location", what).isNull();
		softly.assertThat(page.header("Content-Type")).as("%s: Content-Type", what).startsWith("text/html");
		softly.assertThat(page.body()).as("%s: page body", what).doesNotContain("code=");
		softly.assertThat(page.body()).as("%s: no meta refresh or link to the redirect URI", what)
			.doesNotContainIgnoringCase("http-equiv=\"refresh\"")
			.doesNotContain("href=\"" + redirectUri);
	}

	// oidcc-ensure-pkce-*, RFC 7636, OAuth 2.1 public clients, SECURITY.md OAuth 3 and 6
	@Test
	void whenPublicClientThenPkceS256RequiredPlainRefusedVerifierChecked() {
		Client spa = rp.register("{\"name\":\"Conformance SPA\",\"public\":true,\"redirectUris\":[\""
				+ RelyingParty.REDIRECT + "\"],\"scopes\":[\"openid\",\"profile\"],"
				+ "\"grantTypes\":[\"authorization_code\",\"refresh_token\"]}");
		assertThat(spa.secret()).as("no secret for a public client").isNull();
		User user = rp.user();
		TestBrowser browser = new TestBrowser(base);

		Authz noChallenge = rp.authz(spa, "openid", b -> b.codeChallenge((CodeVerifier) null, null));
		assertThat(noChallenge.uri()).doesNotContain("code_challenge");
		assertAuthorizationError(browser.get(noChallenge.uri()), noChallenge, "invalid_request", "no code_challenge");

		Authz plain = rp.authz(spa, "openid", b -> b.codeChallenge(new CodeVerifier(), CodeChallengeMethod.PLAIN));
		assertThat(plain.uri()).contains("code_challenge_method=plain");
		assertAuthorizationError(browser.get(plain.uri()), plain, "invalid_request", "code_challenge_method=plain");

		Authz good = rp.authz(spa, "openid profile");
		AuthorizationCode code = rp.code(rp.signIn(browser, good, user), good);
		HTTPResponse exchanged = rp.redeemRaw(spa, code, good, null); // client_id only, no secret
		OIDCTokenResponse tokens = RelyingParty.oidcSuccess(exchanged);
		IDTokenClaimsSet id = rp.validate(spa, tokens.getOIDCTokens().getIDToken(), good.nonce());
		assertThat(id.getSubject().getValue()).isEqualTo(user.id());

		Authz other = rp.authz(spa, "openid");
		AuthorizationCode otherCode = rp.code(browser.get(other.uri()), other);
		HTTPResponse wrongVerifier = rp.token(spa,
				new AuthorizationCodeGrant(otherCode, RelyingParty.REDIRECT, new CodeVerifier()), null);
		assertThat(RelyingParty.tokenError(wrongVerifier).getErrorObject().getCode()).as("wrong code_verifier")
			.isEqualTo(OAuth2Error.INVALID_GRANT_CODE);
		// Without a verifier there is no client authentication either; the status code for that is
		// checked in whenNoClientAuthenticationThen401InvalidClientNeverALoginRedirect.
		HTTPResponse noVerifier = rp.token(spa, new AuthorizationCodeGrant(otherCode, RelyingParty.REDIRECT), null);
		assertThat(noVerifier.getStatusCode()).as("no code_verifier").isNotEqualTo(200);
		assertThat(String.valueOf(noVerifier.getBody())).as("no code_verifier").doesNotContain("access_token");

		// CONTRACT.md: a public application gets no refresh token, or a rotated one.
		RefreshToken refreshToken = tokens.getOIDCTokens().getRefreshToken();
		if (refreshToken != null) {
			OIDCTokenResponse refreshed = RelyingParty.oidcSuccess(rp.refreshRaw(spa, refreshToken));
			assertThat(refreshed.getOIDCTokens().getRefreshToken()).as("rotated").isNotNull();
			assertThat(refreshed.getOIDCTokens().getRefreshToken().getValue()).isNotEqualTo(refreshToken.getValue());
			assertThat(RelyingParty.tokenError(rp.refreshRaw(spa, refreshToken)).getErrorObject().getCode())
				.isEqualTo(OAuth2Error.INVALID_GRANT_CODE);
		}
	}

	private void assertAuthorizationError(TestBrowser.Page page, Authz authz, String error, String what) {
		assertThat(page.status()).as(what).isEqualTo(302);
		assertThat(page.location()).as(what).startsWith(RelyingParty.REDIRECT + "?");
		AuthorizationResponse response = RelyingParty.response(page);
		assertThat(response.indicatesSuccess()).as(what).isFalse();
		assertThat(((AuthorizationErrorResponse) response).getErrorObject().getCode()).as(what).isEqualTo(error);
		assertThat(response.getState()).as(what + ": state").isEqualTo(authz.state());
		assertThat(response.getIssuer()).as(what + ": iss").isEqualTo(new Issuer(base));
	}

	// SECURITY.md OAuth 3: a code_verifier without an earlier code_challenge is rejected
	@Test
	void whenCodeVerifierSentWithoutEarlierChallengeThenInvalidGrant() {
		Client client = rp.confidentialClient();
		User user = rp.user();
		Authz authz = rp.authz(client, "openid", b -> b.codeChallenge((CodeVerifier) null, null));
		assertThat(authz.uri()).doesNotContain("code_challenge");
		AuthorizationCode code = rp.code(rp.signIn(new TestBrowser(base), authz, user), authz);

		HTTPResponse response = rp.token(client,
				new AuthorizationCodeGrant(code, RelyingParty.REDIRECT, new CodeVerifier()), client.basic());
		assertThat(RelyingParty.tokenError(response).getErrorObject().getCode())
			.isEqualTo(OAuth2Error.INVALID_GRANT_CODE);
	}

	// RFC 6749 4.4; OAuth 2.1: no implicit, no password grant
	@Test
	void whenClientCredentialsThenTokenAndWhenImplicitOrPasswordThenRefused() throws Exception {
		Client service = rp.register("{\"name\":\"Conformance service\",\"grantTypes\":[\"client_credentials\"],"
				+ "\"scopes\":[\"reports.read\"]}");
		HTTPResponse granted = rp.token(service, new ClientCredentialsGrant(), service.basic(),
				new Scope("reports.read"));
		TokenResponse parsed = TokenResponse.parse(granted);
		assertThat(parsed.indicatesSuccess()).as(granted.getBody()).isTrue();
		AccessTokenResponse tokens = parsed.toSuccessResponse();
		assertThat(tokens.getTokens().getAccessToken().getType()).isEqualTo(AccessTokenType.BEARER);
		assertThat(tokens.getTokens().getAccessToken().getScope()).isEqualTo(new Scope("reports.read"));
		assertThat(tokens.getTokens().getRefreshToken()).as("no refresh token for client_credentials").isNull();
		assertThat(granted.getBodyAsJSONObject()).doesNotContainKey("id_token");
		TokenIntrospectionSuccessResponse introspected = rp.introspect(service, tokens.getTokens().getAccessToken());
		assertThat(introspected.isActive()).isTrue();
		assertThat(introspected.getClientID()).isEqualTo(service.id());

		// Implicit, with a session so that a token could be handed out if the server allowed it.
		Client client = rp.confidentialClient();
		User user = rp.user();
		TestBrowser browser = new TestBrowser(base);
		Authz ok = rp.authz(client, "openid");
		rp.code(rp.signIn(browser, ok, user), ok);
		URI implicit = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.TOKEN), client.id())
			.endpointURI(rp.op.getAuthorizationEndpointURI())
			.redirectionURI(RelyingParty.REDIRECT)
			.scope(new Scope("openid"))
			.state(new State())
			.build()
			.toURI();
		URI hybrid = new AuthenticationRequest.Builder(new ResponseType("id_token", "token"), new Scope("openid"),
				client.id(), RelyingParty.REDIRECT)
			.endpointURI(rp.op.getAuthorizationEndpointURI())
			.state(new State())
			.nonce(new Nonce())
			.build()
			.toURI();
		for (URI request : List.of(implicit, hybrid)) {
			TestBrowser.Page page = browser.get(request.toString());
			assertThat(page.header("Location")).as("%s", request).satisfiesAnyOf(
					location -> assertThat(location).isNull(),
					location -> assertThat(location).contains("error=unsupported_response_type")
						.doesNotContain("access_token")
						.doesNotContain("id_token="));
			if (page.header("Location") == null) {
				assertThat(page.status()).as("%s", request).isEqualTo(400);
			}
		}

		HTTPResponse password = rp.token(client,
				new ResourceOwnerPasswordCredentialsGrant(user.username(), new Secret(RelyingParty.PASSWORD)),
				client.basic());
		assertThat(password.getStatusCode()).isEqualTo(400);
		assertThat(RelyingParty.tokenError(password).getErrorObject().getCode())
			.isEqualTo(OAuth2Error.UNSUPPORTED_GRANT_TYPE_CODE);

		for (String grant : List.of("password", "implicit")) {
			ManagementClient.Response refused = admin.call("POST", "/api/v1/applications",
					"{\"name\":\"Legacy\",\"redirectUris\":[\"" + RelyingParty.REDIRECT + "\"],\"grantTypes\":[\""
							+ grant + "\"]}");
			assertThat(refused.status()).as("registering grant %s", grant).isEqualTo(400);
			assertThat(refused.body()).contains("grantTypes");
		}
	}

	// RFC 7009, RFC 7662
	@Test
	void whenAccessTokenRevokedThenIntrospectionInactiveAndBeforeThatActiveWithScopeClientIdAndSub() {
		Client client = rp.confidentialClient();
		Client stranger = rp.confidentialClient();
		User user = rp.user();
		Authz authz = rp.authz(client, "openid profile");
		OIDCTokenResponse tokens = rp.redeem(client, rp.code(rp.signIn(new TestBrowser(base), authz, user), authz),
				authz);
		AccessToken accessToken = tokens.getOIDCTokens().getAccessToken();

		TokenIntrospectionSuccessResponse active = rp.introspect(client, accessToken);
		assertThat(active.isActive()).isTrue();
		assertThat(active.getScope()).isEqualTo(Scope.parse("openid profile"));
		assertThat(active.getClientID()).isEqualTo(client.id());
		assertThat(active.getSubject()).isNotNull();
		assertThat(active.getSubject().getValue()).isEqualTo(user.id());

		// Another client can not revoke it (RFC 7009 2.1: the token must belong to the caller).
		RelyingParty.send(new TokenRevocationRequest(rp.op.getRevocationEndpointURI(), stranger.basic(), accessToken)
			.toHTTPRequest());
		assertThat(rp.introspect(client, accessToken).isActive()).as("after another client's revocation").isTrue();

		HTTPResponse revoked = RelyingParty.send(
				new TokenRevocationRequest(rp.op.getRevocationEndpointURI(), client.basic(), accessToken)
					.toHTTPRequest());
		assertThat(revoked.getStatusCode()).isEqualTo(200);
		assertThat(rp.introspect(client, accessToken).isActive()).as("after revocation").isFalse();
		assertThat(rp.userInfo(HTTPRequest.Method.GET, accessToken).getStatusCode()).as("userinfo after revocation")
			.isEqualTo(401);
	}

	// RFC 6749 4.1.3, RFC 9700 4.1
	@Test
	void whenCodeRedeemedByOtherClientOrWithOtherRedirectUriThenInvalidGrant() {
		Client a = rp.confidentialClient();
		Client b = rp.confidentialClient();
		User user = rp.user();
		TestBrowser browser = new TestBrowser(base);

		Authz forA = rp.authz(a, "openid");
		AuthorizationCode codeForA = rp.code(rp.signIn(browser, forA, user), forA);
		HTTPResponse byB = rp.redeemRaw(b, codeForA, forA, b.basic());
		assertThat(RelyingParty.tokenError(byB).getErrorObject().getCode()).as("client B redeems A's code")
			.isEqualTo(OAuth2Error.INVALID_GRANT_CODE);

		Authz boundToX = rp.authz(a, "openid");
		AuthorizationCode codeForX = rp.code(browser.get(boundToX.uri()), boundToX);
		Client aWithY = new Client(a.id(), a.secret(), RelyingParty.OTHER_REDIRECT); // Y is registered too
		HTTPResponse withY = rp.redeemRaw(aWithY, codeForX, boundToX, a.basic());
		assertThat(RelyingParty.tokenError(withY).getErrorObject().getCode()).as("redirect_uri Y for a code bound to X")
			.isEqualTo(OAuth2Error.INVALID_GRANT_CODE);
	}

	// RFC 6749 5.2, RFC 7662 2.1, RFC 7009 2.2.1, RFC 6750 3.1: protocol endpoints answer
	// machines with status codes and JSON, never with the sign-in page
	@Test
	void whenNoClientAuthenticationThen401InvalidClientNeverALoginRedirect() {
		Client spa = rp.register("{\"name\":\"Conformance SPA 2\",\"public\":true,\"redirectUris\":[\""
				+ RelyingParty.REDIRECT + "\"],\"scopes\":[\"openid\"]}");
		Client client = rp.confidentialClient();
		SoftAssertions softly = new SoftAssertions();

		// A token request naming a client but authenticating it in no way (no secret, no verifier).
		HTTPResponse token = rp.token(spa,
				new AuthorizationCodeGrant(new AuthorizationCode("made-up-code"), RelyingParty.REDIRECT), null);
		softly.assertThat(token.getStatusCode()).as("token endpoint, client_id only").isEqualTo(401);
		softly.assertThat(token.getHeaderValue("Location")).as("token endpoint, client_id only: Location").isNull();
		softly.assertThat(token.getBody()).as("token endpoint, client_id only: body").contains("invalid_client");

		HTTPRequest noAuth = new HTTPRequest(HTTPRequest.Method.POST, rp.op.getTokenEndpointURI());
		noAuth.setEntityContentType(ContentType.APPLICATION_URLENCODED);
		noAuth.setBody("grant_type=client_credentials&client_id=" + client.id());
		HTTPResponse credentials = RelyingParty.send(noAuth);
		softly.assertThat(credentials.getStatusCode()).as("token endpoint, no secret").isEqualTo(401);
		softly.assertThat(credentials.getHeaderValue("Location")).as("token endpoint, no secret: Location").isNull();
		softly.assertThat(credentials.getBody()).as("token endpoint, no secret: body").contains("invalid_client");

		HTTPResponse introspection = RelyingParty.send(new TokenIntrospectionRequest(
				rp.op.getIntrospectionEndpointURI(), new BearerAccessToken("abc"))
			.toHTTPRequest());
		softly.assertThat(introspection.getStatusCode()).as("introspection without client authentication")
			.isEqualTo(401);
		softly.assertThat(introspection.getHeaderValue("Location")).as("introspection: Location").isNull();

		HTTPRequest revoke = new HTTPRequest(HTTPRequest.Method.POST, rp.op.getRevocationEndpointURI());
		revoke.setEntityContentType(ContentType.APPLICATION_URLENCODED);
		revoke.setBody("token=abc");
		HTTPResponse revocation = RelyingParty.send(revoke);
		softly.assertThat(revocation.getStatusCode()).as("revocation without client authentication").isEqualTo(401);
		softly.assertThat(revocation.getHeaderValue("Location")).as("revocation: Location").isNull();

		HTTPResponse userInfo = RelyingParty
			.send(new HTTPRequest(HTTPRequest.Method.GET, rp.op.getUserInfoEndpointURI()));
		softly.assertThat(userInfo.getStatusCode()).as("userinfo without a token").isEqualTo(401);
		softly.assertThat(userInfo.getHeaderValue("WWW-Authenticate")).as("userinfo: WWW-Authenticate")
			.startsWith("Bearer");
		softly.assertAll();
	}

}
