package dev.smsauth.conformance;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import com.nimbusds.common.contenttype.ContentType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.TestBrowser;
import net.minidev.json.JSONObject;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relying party of the conformance tests: everything protocol-shaped is built and checked by
 * the Nimbus OAuth 2.0 / OpenID Connect SDK (requests, response parsing, ID token validation),
 * so a bug in our own helpers can not hide a bug in the server. Only the person's part (the
 * sign-in page) goes through {@link TestBrowser}.
 */
final class RelyingParty {

	/** Registered for every application these tests create (https, so never a loopback exception). */
	static final URI REDIRECT = URI.create("https://rp.example.com/callback");

	static final URI OTHER_REDIRECT = URI.create("https://rp.example.com/other-callback");

	static final String PASSWORD = "conformance-password-1";

	private static final AtomicInteger SEQUENCE = new AtomicInteger(new SecureRandom().nextInt(5000));

	final String base;

	final OIDCProviderMetadata op;

	final ManagementClient admin;

	RelyingParty(String base, ManagementClient admin) {
		this.base = base;
		this.admin = admin;
		try {
			this.op = OIDCProviderMetadata.resolve(new Issuer(base));
		}
		catch (Exception ex) {
			throw new AssertionError("discovery failed for " + base, ex);
		}
	}

	// ----- management: applications and users -----

	/** A registered application as the RP knows it. */
	record Client(ClientID id, Secret secret, URI redirectUri) {

		ClientAuthentication basic() {
			return new ClientSecretBasic(id, secret);
		}

		ClientAuthentication post() {
			return new ClientSecretPost(id, secret);
		}

		boolean isPublic() {
			return secret == null;
		}

	}

	/** A user created through the management API. */
	record User(String id, String username, String phoneNumber, String email, String name) {
	}

	/** A confidential application (SMS off), both redirect URIs, the given grant types. */
	Client confidentialClient(String... grantTypes) {
		List<String> types = grantTypes.length == 0 ? List.of("authorization_code", "refresh_token")
				: List.of(grantTypes);
		return register("{\"name\":\"Conformance RP " + SEQUENCE.incrementAndGet() + "\",\"redirectUris\":[\"" + REDIRECT
				+ "\",\"" + OTHER_REDIRECT + "\"],\"scopes\":[\"openid\",\"profile\",\"email\",\"phone\"],"
				+ "\"grantTypes\":[" + types.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(","))
				+ "],\"mfa\":{\"sms\":false}}");
	}

	Client register(String json) {
		JsonNode app = admin.createApplication(json);
		JsonNode secret = app.get("clientSecret");
		return new Client(new ClientID(app.get("clientId").asString()),
				secret == null || secret.isNull() ? null : new Secret(secret.asString()), REDIRECT);
	}

	User user() {
		int n = SEQUENCE.incrementAndGet();
		String username = "conf-" + n + "-" + Integer.toHexString(new SecureRandom().nextInt());
		String phone = "+1628555" + String.format("%04d", n % 10000);
		String email = username + "@rp.example.com";
		String name = "Conformance User " + n;
		ManagementClient.Response response = admin.call("POST", "/api/v1/users",
				"{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"phoneNumber\":\"" + phone
						+ "\",\"email\":\"" + email + "\",\"name\":\"" + name + "\"}");
		assertThat(response.status()).as("user created: %s", response).isEqualTo(201);
		return new User(response.json().get("id").asString(), username, phone, email, name);
	}

	// ----- the authorization request -----

	/** One authorization request and the secrets the RP keeps for it. */
	record Authz(AuthenticationRequest request, State state, Nonce nonce, CodeVerifier verifier) {

		String uri() {
			return request.toURI().toString();
		}

	}

	/** Code flow with state, nonce and PKCE S256; {@code more} adds or changes parameters. */
	Authz authz(Client client, String scope, UnaryOperator<AuthenticationRequest.Builder> more) {
		State state = new State();
		Nonce nonce = new Nonce();
		CodeVerifier verifier = new CodeVerifier();
		AuthenticationRequest.Builder builder = new AuthenticationRequest.Builder(ResponseType.CODE,
				Scope.parse(scope), client.id(), client.redirectUri())
			.endpointURI(op.getAuthorizationEndpointURI())
			.state(state)
			.nonce(nonce)
			.codeChallenge(verifier, CodeChallengeMethod.S256);
		return new Authz(more.apply(builder).build(), state, nonce, verifier);
	}

	Authz authz(Client client, String scope) {
		return authz(client, scope, b -> b);
	}

	/**
	 * From the authorization request to the redirect back to the client, through the sign-in page:
	 * asserts the server asks for sign-in, signs in, and follows the server's own redirects.
	 */
	TestBrowser.Page signIn(TestBrowser browser, Authz authz, User user) {
		TestBrowser.Page first = browser.get(authz.uri());
		assertThat(first.isSignInPage()).as("authorization request without a session: the sign-in page").isTrue();
		return signInOnPage(browser, user);
	}

	/** Fills in the sign-in page (already due) and follows to the redirect back to the client. */
	TestBrowser.Page signInOnPage(TestBrowser browser, User user) {
		TestBrowser.Page login = browser.get("/login");
		assertThat(login.status()).isEqualTo(200);
		TestBrowser.Page posted = browser.submit(login, "/login",
				Map.of("username", user.username(), "password", PASSWORD));
		assertThat(posted.status()).as("sign-in POST answer").isEqualTo(303);
		TestBrowser.Page back = browser.follow(posted);
		assertThat(back.isRedirect()).as("ends in a redirect to the client: %s", back.body()).isTrue();
		assertThat(back.location()).startsWith("https://rp.example.com/");
		return back;
	}

	/** Parses a redirect back to the client with the SDK. */
	static AuthorizationResponse response(TestBrowser.Page redirect) {
		try {
			return AuthorizationResponse.parse(URI.create(redirect.location()));
		}
		catch (com.nimbusds.oauth2.sdk.ParseException ex) {
			throw new AssertionError("not an authorization response: " + redirect.location(), ex);
		}
	}

	/** The code of a successful authorization response, after checking state and iss. */
	AuthorizationCode code(TestBrowser.Page redirect, Authz authz) {
		AuthorizationResponse response = response(redirect);
		assertThat(response.indicatesSuccess()).as("success response: %s", redirect.location()).isTrue();
		assertThat(response.getState()).isEqualTo(authz.state());
		assertThat(response.getIssuer()).as("iss (RFC 9207)").isNotNull();
		assertThat(response.getIssuer().getValue()).isEqualTo(base);
		return ((AuthorizationSuccessResponse) response).getAuthorizationCode();
	}

	// ----- token endpoint -----

	HTTPResponse token(Client client, AuthorizationGrant grant, ClientAuthentication auth) {
		return token(client, grant, auth, null);
	}

	/** A token request; {@code auth == null} sends only client_id (a public client). */
	HTTPResponse token(Client client, AuthorizationGrant grant, ClientAuthentication auth, Scope scope) {
		TokenRequest request = auth == null ? new TokenRequest(op.getTokenEndpointURI(), client.id(), grant, scope)
				: new TokenRequest(op.getTokenEndpointURI(), auth, grant, scope);
		return send(request.toHTTPRequest());
	}

	HTTPResponse redeemRaw(Client client, AuthorizationCode code, Authz authz, ClientAuthentication auth) {
		return token(client, new AuthorizationCodeGrant(code, client.redirectUri(), authz.verifier()), auth);
	}

	/** Redeems a code (client_secret_basic, or none for a public client) and asserts success. */
	OIDCTokenResponse redeem(Client client, AuthorizationCode code, Authz authz) {
		return oidcSuccess(redeemRaw(client, code, authz, client.isPublic() ? null : client.basic()));
	}

	HTTPResponse refreshRaw(Client client, RefreshToken refreshToken) {
		return token(client, new RefreshTokenGrant(refreshToken), client.isPublic() ? null : client.basic());
	}

	static OIDCTokenResponse oidcSuccess(HTTPResponse http) {
		try {
			TokenResponse response = OIDCTokenResponseParser.parse(http);
			assertThat(response.indicatesSuccess()).as("token response %s: %s", http.getStatusCode(), http.getBody())
				.isTrue();
			return (OIDCTokenResponse) response.toSuccessResponse();
		}
		catch (com.nimbusds.oauth2.sdk.ParseException ex) {
			throw new AssertionError("unparseable token response " + http.getStatusCode() + ": " + http.getBody(), ex);
		}
	}

	static TokenErrorResponse tokenError(HTTPResponse http) {
		try {
			TokenResponse response = TokenResponse.parse(http);
			assertThat(response.indicatesSuccess()).as("expected an error, got %s: %s", http.getStatusCode(),
					http.getBody())
				.isFalse();
			return response.toErrorResponse();
		}
		catch (com.nimbusds.oauth2.sdk.ParseException ex) {
			throw new AssertionError("unparseable token response " + http.getStatusCode() + ": " + http.getBody(), ex);
		}
	}

	// ----- ID token, introspection -----

	/** Validates signature (JWKS from discovery, RS256), iss, aud, exp, iat and the nonce. */
	IDTokenClaimsSet validate(Client client, JWT idToken, Nonce expectedNonce) {
		try {
			IDTokenValidator validator = new IDTokenValidator(op.getIssuer(), client.id(), JWSAlgorithm.RS256,
					op.getJWKSetURI().toURL());
			return validator.validate(idToken, expectedNonce);
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
		catch (Exception ex) {
			throw new AssertionError("ID token rejected by the relying party: " + ex.getMessage(), ex);
		}
	}

	TokenIntrospectionSuccessResponse introspect(Client client, Token token) {
		HTTPResponse http = send(
				new TokenIntrospectionRequest(op.getIntrospectionEndpointURI(), client.basic(), token).toHTTPRequest());
		try {
			TokenIntrospectionResponse response = TokenIntrospectionResponse.parse(http);
			assertThat(response.indicatesSuccess()).as("introspection %s: %s", http.getStatusCode(), http.getBody())
				.isTrue();
			return response.toSuccessResponse();
		}
		catch (com.nimbusds.oauth2.sdk.ParseException ex) {
			throw new AssertionError("unparseable introspection " + http.getStatusCode() + ": " + http.getBody(), ex);
		}
	}

	/** Userinfo with the access token in the Authorization header, by GET or by POST. */
	HTTPResponse userInfo(HTTPRequest.Method method, AccessToken token) {
		if (method == HTTPRequest.Method.GET) {
			return send(new UserInfoRequest(op.getUserInfoEndpointURI(), HTTPRequest.Method.GET, token).toHTTPRequest());
		}
		// The SDK's POST form puts the token in the body; OIDC Core 5.3.1 asks for the header too.
		HTTPRequest post = new HTTPRequest(HTTPRequest.Method.POST, op.getUserInfoEndpointURI());
		post.setAuthorization(token.toAuthorizationHeader());
		post.setEntityContentType(ContentType.APPLICATION_URLENCODED);
		post.setBody("");
		return send(post);
	}

	static JSONObject userInfoClaims(HTTPResponse http) {
		try {
			UserInfoResponse response = UserInfoResponse.parse(http);
			assertThat(response.indicatesSuccess()).as("userinfo %s: %s", http.getStatusCode(), http.getBody()).isTrue();
			return response.toSuccessResponse().getUserInfo().toJSONObject();
		}
		catch (com.nimbusds.oauth2.sdk.ParseException ex) {
			throw new AssertionError("unparseable userinfo " + http.getStatusCode() + ": " + http.getBody(), ex);
		}
	}

	static long epochSeconds(Date date) {
		assertThat(date).isNotNull();
		return date.toInstant().getEpochSecond();
	}

	static HTTPResponse send(HTTPRequest request) {
		request.setFollowRedirects(false);
		try {
			return request.send();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
