package dev.smsauth.conformance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.AMR;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.smsauth.conformance.RelyingParty.Authz;
import dev.smsauth.conformance.RelyingParty.Client;
import dev.smsauth.conformance.RelyingParty.User;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.MutableClock;
import dev.smsauth.support.TestBrowser;
import net.minidev.json.JSONArray;
import net.minidev.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.smsauth.conformance.RelyingParty.epochSeconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenID Foundation "Basic OP" certification modules that apply to this server (discovery,
 * code flow, ID token, userinfo, prompt, max_age, refresh, client authentication), with the
 * Nimbus SDK as the relying party. Each test registers its own application and user.
 */
@AuthServerTest
class OidcBasicOpConformanceTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	String base;

	RelyingParty rp;

	@BeforeEach
	void setUp() {
		clock.reset();
		base = "http://localhost:" + port;
		rp = new RelyingParty(base, new ManagementClient(base));
	}

	// oidcc-discovery-*, RFC 8414, RFC 9207, OAuth 2.1
	@Test
	void whenDiscoveryFetchedThenBothDocumentsDescribeCodeOnlyS256IssuerParamAndAcrLevelsAndPublicRsaKeys()
			throws Exception {
		OIDCProviderMetadata oidc = OIDCProviderMetadata.resolve(new Issuer(base));
		assertThat(oidc.getIssuer().getValue()).isEqualTo(base);
		assertThat(oidc.getResponseTypes()).containsExactly(ResponseType.CODE);
		assertThat(oidc.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);
		assertThat(oidc.supportsAuthorizationResponseIssuerParam()).isTrue();
		assertThat(oidc.getIDTokenJWSAlgs()).contains(JWSAlgorithm.RS256);
		assertThat(oidc.getTokenEndpointAuthMethods()).contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
				ClientAuthenticationMethod.CLIENT_SECRET_POST);
		// Omitted grant_types_supported would mean ["authorization_code", "implicit"].
		assertThat(oidc.getGrantTypes()).isNotNull()
			.contains(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN)
			.doesNotContain(GrantType.IMPLICIT, GrantType.PASSWORD);
		assertThat(oidc.getUserInfoEndpointURI()).isNotNull();
		assertThat(oidc.getRevocationEndpointURI()).isNotNull();
		assertThat(oidc.getIntrospectionEndpointURI()).isNotNull();
		assertThat(oidc.getScopes().toStringList()).contains("openid", "profile", "email", "phone");
		List<String> acrs = oidc.getACRs() == null ? List.of() : oidc.getACRs().stream().map(ACR::getValue).toList();
		assertAcrLevels(acrs);

		AuthorizationServerMetadata oauth = AuthorizationServerMetadata.resolve(new Issuer(base));
		assertThat(oauth.getIssuer().getValue()).isEqualTo(base);
		assertThat(oauth.getResponseTypes()).containsExactly(ResponseType.CODE);
		assertThat(oauth.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);
		assertThat(oauth.supportsAuthorizationResponseIssuerParam()).isTrue();
		assertThat(oauth.getGrantTypes()).isNotNull().doesNotContain(GrantType.IMPLICIT, GrantType.PASSWORD);
		Object oauthAcrs = oauth.getCustomParameter("acr_values_supported");
		assertThat(oauthAcrs).isInstanceOf(List.class);
		assertAcrLevels(((List<?>) oauthAcrs).stream().map(String::valueOf).toList());
		assertThat(oauth.getJWKSetURI()).isEqualTo(oidc.getJWKSetURI());

		HTTPResponse jwks = RelyingParty.send(new HTTPRequest(HTTPRequest.Method.GET, oidc.getJWKSetURI()));
		assertThat(jwks.getStatusCode()).isEqualTo(200);
		JSONArray rawKeys = (JSONArray) jwks.getBodyAsJSONObject().get("keys");
		assertThat(rawKeys).isNotEmpty();
		for (Object raw : rawKeys) {
			JSONObject key = (JSONObject) raw;
			assertThat(key.get("kty")).isEqualTo("RSA");
			assertThat(key.keySet()).as("no private parts in the published JWKS")
				.doesNotContain("d", "p", "q", "dp", "dq", "qi", "oth", "k");
		}
		for (JWK key : JWKSet.parse(jwks.getBody()).getKeys()) {
			assertThat(key).isInstanceOf(RSAKey.class);
			assertThat(key.isPrivate()).isFalse();
		}
	}

	private static void assertAcrLevels(List<String> acrs) {
		assertThat(acrs).as("acr_values_supported").hasSizeGreaterThanOrEqualTo(2);
		assertThat(acrs).as("an MFA level").anyMatch(v -> v.toLowerCase().contains("mfa"));
		assertThat(acrs).as("a password-only level")
			.anyMatch(v -> !v.toLowerCase().contains("mfa")
					&& (v.toLowerCase().contains("pwd") || v.toLowerCase().contains("password")));
	}

	// oidcc-server, oidcc-ensure-request-with-state/nonce, RFC 9207
	@Test
	void whenCodeFlowWithStateAndNonceThenIdTokenValidatesWithAuthTimeAndPwdAmrAndSubMatchesUserinfo() {
		Client client = rp.confidentialClient();
		User user = rp.user();
		TestBrowser browser = new TestBrowser(base);
		Authz authz = rp.authz(client, "openid profile");

		TestBrowser.Page back = rp.signIn(browser, authz, user);
		assertThat(back.location()).startsWith(RelyingParty.REDIRECT + "?");
		AuthorizationCode code = rp.code(back, authz); // checks state and iss
		assertThat(code.getValue().length()).as("at least 128 bits of base64url").isGreaterThanOrEqualTo(22);

		long before = java.time.Instant.now().getEpochSecond();
		OIDCTokenResponse tokens = rp.redeem(client, code, authz);
		IDTokenClaimsSet id = rp.validate(client, tokens.getOIDCTokens().getIDToken(), authz.nonce());
		assertThat(id.getNonce()).isEqualTo(authz.nonce());
		assertThat(id.getAudience()).extracting(a -> a.getValue()).containsExactly(client.id().getValue());
		assertThat(id.getAuthenticationTime()).as("auth_time").isNotNull();
		assertThat(epochSeconds(id.getAuthenticationTime())).isBetween(before - 60, before + 5);
		assertThat(id.getAMR()).extracting(AMR::getValue).containsExactly("pwd");
		assertThat(id.getSubject().getValue()).isEqualTo(user.id());

		JSONObject userInfo = RelyingParty
			.userInfoClaims(rp.userInfo(HTTPRequest.Method.GET, tokens.getOIDCTokens().getAccessToken()));
		assertThat(userInfo.get("sub")).isEqualTo(id.getSubject().getValue());
	}

	// oidcc-userinfo-get, oidcc-userinfo-post-header, oidcc-scope-profile/email/phone
	@Test
	void whenUserinfoByGetOrPostThenClaimsExactlyPerScopeAndInvalidTokenGets401() {
		Client client = rp.confidentialClient();
		User user = rp.user();
		TestBrowser browser = new TestBrowser(base);

		Authz all = rp.authz(client, "openid profile email phone");
		AccessToken allToken = rp.redeem(client, rp.code(rp.signIn(browser, all, user), all), all)
			.getOIDCTokens()
			.getAccessToken();
		for (HTTPRequest.Method method : List.of(HTTPRequest.Method.GET, HTTPRequest.Method.POST)) {
			JSONObject claims = RelyingParty.userInfoClaims(rp.userInfo(method, allToken));
			assertThat(claims.keySet()).as("claims by %s", method)
				.containsExactlyInAnyOrder("sub", "name", "preferred_username", "updated_at", "email",
						"email_verified", "phone_number", "phone_number_verified");
			assertThat(claims.get("sub")).isEqualTo(user.id());
			assertThat(claims.get("name")).isEqualTo(user.name());
			assertThat(claims.get("preferred_username")).isEqualTo(user.username());
			assertThat(claims.get("email")).isEqualTo(user.email());
			assertThat(claims.get("phone_number")).isEqualTo(user.phoneNumber());
		}

		// Same session, narrower scopes: no page, and only the claims those scopes release.
		Authz emailOnly = rp.authz(client, "openid email");
		OIDCTokenResponse emailTokens = rp.redeem(client, rp.code(browser.get(emailOnly.uri()), emailOnly), emailOnly);
		assertThat(RelyingParty
			.userInfoClaims(rp.userInfo(HTTPRequest.Method.GET, emailTokens.getOIDCTokens().getAccessToken()))
			.keySet()).containsExactlyInAnyOrder("sub", "email", "email_verified");

		Authz openidOnly = rp.authz(client, "openid");
		OIDCTokenResponse openidTokens = rp.redeem(client, rp.code(browser.get(openidOnly.uri()), openidOnly),
				openidOnly);
		for (HTTPRequest.Method method : List.of(HTTPRequest.Method.GET, HTTPRequest.Method.POST)) {
			assertThat(RelyingParty.userInfoClaims(rp.userInfo(method, openidTokens.getOIDCTokens().getAccessToken()))
				.keySet()).as("openid only, by %s", method).containsExactly("sub");
		}
		IDTokenClaimsSet openidIdToken = rp.validate(client, openidTokens.getOIDCTokens().getIDToken(),
				openidOnly.nonce());
		assertThat(openidIdToken.toJSONObject().keySet()).doesNotContain("name", "preferred_username", "email",
				"phone_number");

		for (HTTPRequest.Method method : List.of(HTTPRequest.Method.GET, HTTPRequest.Method.POST)) {
			HTTPResponse invalid = rp.userInfo(method, new BearerAccessToken("not-a-token-we-issued"));
			assertThat(invalid.getStatusCode()).as("invalid token by %s", method).isEqualTo(401);
			assertThat(invalid.getHeaderValue("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
		}
	}

	// oidcc-refresh-token
	@Test
	void whenRefreshTokenUsedThenNewAccessTokenAndRotatedRefreshTokenAndOldOneRejectedAndIdTokenKeepsAuthTimeAndAmr() {
		Client client = rp.confidentialClient();
		User user = rp.user();
		Authz authz = rp.authz(client, "openid profile");
		OIDCTokenResponse first = rp.redeem(client, rp.code(rp.signIn(new TestBrowser(base), authz, user), authz),
				authz);
		IDTokenClaimsSet firstId = rp.validate(client, first.getOIDCTokens().getIDToken(), authz.nonce());
		RefreshToken firstRefresh = first.getOIDCTokens().getRefreshToken();
		assertThat(firstRefresh).as("refresh token for a confidential client with the grant").isNotNull();

		HTTPResponse refreshed = rp.refreshRaw(client, firstRefresh);
		assertThat(refreshed.getHeaderValue("Cache-Control")).contains("no-store");
		OIDCTokenResponse second = RelyingParty.oidcSuccess(refreshed);
		assertThat(second.getOIDCTokens().getAccessToken().getValue())
			.isNotEqualTo(first.getOIDCTokens().getAccessToken().getValue());
		assertThat(second.getOIDCTokens().getAccessToken().getScope()).isEqualTo(Scope.parse("openid profile"));
		assertThat(second.getOIDCTokens().getRefreshToken()).as("rotated refresh token").isNotNull();
		assertThat(second.getOIDCTokens().getRefreshToken().getValue()).isNotEqualTo(firstRefresh.getValue());
		assertThat(second.getOIDCTokens().getIDToken()).as("ID token on refresh").isNotNull();
		IDTokenClaimsSet secondId = rp.validate(client, second.getOIDCTokens().getIDToken(), null);
		assertThat(secondId.getSubject()).isEqualTo(firstId.getSubject());
		assertThat(secondId.getAuthenticationTime()).isEqualTo(firstId.getAuthenticationTime());
		assertThat(secondId.getAMR()).extracting(AMR::getValue).containsExactly("pwd");

		TokenErrorResponse reused = RelyingParty.tokenError(rp.refreshRaw(client, firstRefresh));
		assertThat(reused.getErrorObject().getCode()).isEqualTo(OAuth2Error.INVALID_GRANT_CODE);
	}

	// oidcc-prompt-none-not-logged-in, oidcc-prompt-none-logged-in
	@Test
	void whenPromptNoneWithoutSessionThenLoginRequiredWithStateAndIssAndWithSessionThenCodeWithoutUi() {
		Client client = rp.confidentialClient();
		User user = rp.user();
		TestBrowser browser = new TestBrowser(base);

		Authz none = rp.authz(client, "openid", b -> b.prompt(new Prompt(Prompt.Type.NONE)));
		TestBrowser.Page refused = browser.get(none.uri());
		assertThat(refused.status()).isEqualTo(302);
		assertThat(refused.location()).startsWith(RelyingParty.REDIRECT + "?");
		AuthorizationResponse error = RelyingParty.response(refused);
		assertThat(error.indicatesSuccess()).isFalse();
		assertThat(((AuthorizationErrorResponse) error).getErrorObject().getCode()).isEqualTo("login_required");
		assertThat(error.getState()).isEqualTo(none.state());
		assertThat(error.getIssuer()).isEqualTo(new Issuer(base));

		Authz signIn = rp.authz(client, "openid");
		rp.code(rp.signIn(browser, signIn, user), signIn);

		Authz silent = rp.authz(client, "openid", b -> b.prompt(new Prompt(Prompt.Type.NONE)));
		TestBrowser.Page direct = browser.get(silent.uri());
		assertThat(direct.status()).as("no page shown").isEqualTo(302);
		assertThat(direct.location()).startsWith(RelyingParty.REDIRECT + "?");
		AuthorizationCode code = rp.code(direct, silent);
		IDTokenClaimsSet id = rp.validate(client, rp.redeem(client, code, silent).getOIDCTokens().getIDToken(),
				silent.nonce());
		assertThat(id.getSubject().getValue()).isEqualTo(user.id());
	}

	// oidcc-prompt-login
	@Test
	void whenPromptLoginWithSessionThenSignInPageAgainAndAuthTimeMovesForward() {
		Client client = rp.confidentialClient();
		User user = rp.user();
		TestBrowser browser = new TestBrowser(base);
		Authz first = rp.authz(client, "openid");
		IDTokenClaimsSet firstId = rp.validate(client,
				rp.redeem(client, rp.code(rp.signIn(browser, first, user), first), first).getOIDCTokens().getIDToken(),
				first.nonce());

		clock.advance(Duration.ofMinutes(2));
		Authz again = rp.authz(client, "openid", b -> b.prompt(new Prompt(Prompt.Type.LOGIN)));
		TestBrowser.Page shown = browser.follow(browser.get(again.uri()));
		assertThat(shown.isSignInPage()).as("the sign-in page, although signed in").isTrue();

		TestBrowser.Page back = rp.signInOnPage(browser, user);
		IDTokenClaimsSet secondId = rp.validate(client,
				rp.redeem(client, rp.code(back, again), again).getOIDCTokens().getIDToken(), again.nonce());
		assertThat(secondId.getAuthenticationTime()).as("auth_time").isNotNull();
		assertThat(epochSeconds(secondId.getAuthenticationTime()))
			.as("auth_time of the new sign-in, made 120 s (server clock) after the first")
			.isGreaterThanOrEqualTo(epochSeconds(firstId.getAuthenticationTime()) + 120);
	}

	// oidcc-max-age-1, oidcc-max-age-10000
	@Test
	void whenMaxAgeExceededThenSignInAgainAndWhenSessionFreshThenNoReauthAndAuthTimeAlwaysPresent() {
		Client client = rp.confidentialClient();
		User user = rp.user();
		TestBrowser browser = new TestBrowser(base);
		Authz first = rp.authz(client, "openid", b -> b.maxAge(300));
		IDTokenClaimsSet firstId = rp.validate(client,
				rp.redeem(client, rp.code(rp.signIn(browser, first, user), first), first).getOIDCTokens().getIDToken(),
				first.nonce());
		assertThat(firstId.getAuthenticationTime()).as("auth_time when max_age was sent").isNotNull();

		Authz fresh = rp.authz(client, "openid", b -> b.maxAge(300));
		TestBrowser.Page direct = browser.get(fresh.uri());
		assertThat(direct.status()).isEqualTo(302);
		assertThat(direct.location()).as("session younger than max_age: no sign-in")
			.startsWith(RelyingParty.REDIRECT + "?");
		IDTokenClaimsSet freshId = rp.validate(client,
				rp.redeem(client, rp.code(direct, fresh), fresh).getOIDCTokens().getIDToken(), fresh.nonce());
		assertThat(freshId.getAuthenticationTime()).isEqualTo(firstId.getAuthenticationTime());

		clock.advance(Duration.ofSeconds(600));
		Authz stale = rp.authz(client, "openid", b -> b.maxAge(300));
		TestBrowser.Page shown = browser.follow(browser.get(stale.uri()));
		assertThat(shown.isSignInPage()).as("session older than max_age: sign in again").isTrue();
		IDTokenClaimsSet staleId = rp.validate(client,
				rp.redeem(client, rp.code(rp.signInOnPage(browser, user), stale), stale).getOIDCTokens().getIDToken(),
				stale.nonce());
		assertThat(staleId.getAuthenticationTime()).as("auth_time when max_age was sent").isNotNull();
		assertThat(epochSeconds(staleId.getAuthenticationTime()))
			.as("auth_time of the new sign-in, made 600 s (server clock) after the first")
			.isGreaterThanOrEqualTo(epochSeconds(firstId.getAuthenticationTime()) + 600);
	}

	// oidcc-client-secret-basic / client-secret-post
	@Test
	void whenClientSecretBasicOrPostThenAcceptedAndWrongSecretOrUnknownClientGets401InvalidClient() {
		Client client = rp.confidentialClient();
		User user = rp.user();
		TestBrowser browser = new TestBrowser(base);

		Authz basic = rp.authz(client, "openid");
		AuthorizationCode basicCode = rp.code(rp.signIn(browser, basic, user), basic);
		OIDCTokenResponse byBasic = RelyingParty.oidcSuccess(rp.redeemRaw(client, basicCode, basic, client.basic()));
		rp.validate(client, byBasic.getOIDCTokens().getIDToken(), basic.nonce());

		Authz post = rp.authz(client, "openid");
		AuthorizationCode postCode = rp.code(browser.get(post.uri()), post);
		OIDCTokenResponse byPost = RelyingParty.oidcSuccess(rp.redeemRaw(client, postCode, post, client.post()));
		rp.validate(client, byPost.getOIDCTokens().getIDToken(), post.nonce());

		Authz wrong = rp.authz(client, "openid");
		AuthorizationCode wrongCode = rp.code(browser.get(wrong.uri()), wrong);
		Secret bad = new Secret("not-the-secret");
		Map<String, HTTPResponse> refused = Map.of(
				"wrong secret, basic", rp.redeemRaw(client, wrongCode, wrong, new ClientSecretBasic(client.id(), bad)),
				"wrong secret, post", rp.redeemRaw(client, wrongCode, wrong, new ClientSecretPost(client.id(), bad)),
				"unknown client, basic", rp.redeemRaw(client, wrongCode, wrong,
						new ClientSecretBasic(new ClientID("no-such-client"), client.secret())));
		refused.forEach((what, http) -> {
			assertThat(http.getStatusCode()).as(what).isEqualTo(401);
			assertThat(RelyingParty.tokenError(http).getErrorObject().getCode()).as(what)
				.isEqualTo(OAuth2Error.INVALID_CLIENT_CODE);
		});
	}

	// RFC 6749 5.1 / SECURITY.md OAuth 8 and 10
	@Test
	void whenTokensOrCodesReturnedThenCacheControlNoStoreAndUnknownAuthorizeParametersIgnored() {
		Client client = rp.confidentialClient("authorization_code", "refresh_token", "client_credentials");
		User user = rp.user();
		Authz authz = rp.authz(client, "openid profile",
				b -> b.customParameter("unknown_param", "anything").customParameter("x_vendor_flag", "1"));
		assertThat(authz.uri()).contains("unknown_param=anything").contains("x_vendor_flag=1");

		TestBrowser.Page back = rp.signIn(new TestBrowser(base), authz, user);
		assertThat(back.header("Cache-Control")).as("redirect carrying the code").contains("no-store");
		HTTPResponse codeResponse = rp.redeemRaw(client, rp.code(back, authz), authz, client.basic());
		assertThat(codeResponse.getHeaderValue("Cache-Control")).as("authorization_code grant").contains("no-store");
		OIDCTokenResponse tokens = RelyingParty.oidcSuccess(codeResponse);
		rp.validate(client, tokens.getOIDCTokens().getIDToken(), authz.nonce());

		HTTPResponse refreshResponse = rp.refreshRaw(client, tokens.getOIDCTokens().getRefreshToken());
		assertThat(refreshResponse.getStatusCode()).isEqualTo(200);
		assertThat(refreshResponse.getHeaderValue("Cache-Control")).as("refresh_token grant").contains("no-store");

		HTTPResponse credentials = rp.token(client, new ClientCredentialsGrant(), client.basic(), new Scope("profile"));
		assertThat(credentials.getStatusCode()).as(credentials.getBody()).isEqualTo(200);
		assertThat(credentials.getHeaderValue("Cache-Control")).as("client_credentials grant").contains("no-store");
		assertThat(credentials.getHeaderValue("Content-Type")).startsWith("application/json");
	}

	// SECURITY.md OAuth 10 / web 4: an unknown parameter sent twice is still just ignored, never a 500
	@Test
	void whenUnknownAuthorizeParameterRepeatedThenIgnoredAndCodeStillRedeemable() {
		Client client = rp.confidentialClient();
		User user = rp.user();
		Authz authz = rp.authz(client, "openid", b -> b.customParameter("x_vendor_flag", "1", "2"));
		assertThat(authz.uri()).contains("x_vendor_flag=1").contains("x_vendor_flag=2");

		TestBrowser.Page back = rp.signIn(new TestBrowser(base), authz, user);
		HTTPResponse redeemed = rp.redeemRaw(client, rp.code(back, authz), authz, client.basic());
		assertThat(redeemed.getStatusCode()).as("token response: %s", redeemed.getBody()).isEqualTo(200);
		rp.validate(client, RelyingParty.oidcSuccess(redeemed).getOIDCTokens().getIDToken(), authz.nonce());
	}

}
