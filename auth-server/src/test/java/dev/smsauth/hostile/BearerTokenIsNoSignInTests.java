package dev.smsauth.hostile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.mfa.Visitor;
import dev.smsauth.support.Api;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token is not a sign-in (issue 11): another user's access token or ID token sent as
 * {@code Authorization: Bearer} to the authorization endpoint, alone or next to a signed-in session
 * of someone else, never yields a code for the token's subject and never skips a factor; an ID
 * token is refused wherever an access token is accepted.
 */
@AuthServerTest
class BearerTokenIsNoSignInTests extends MfaTestBase {

	/** The victim's tokens, from a plain password sign-in to an application without the SMS step. */
	private JsonNode victimTokens(App app, Person victim) {
		Visitor visitor = visitor(app);
		visitor.authorize();
		TestBrowser.Page signedIn = visitor.signIn(victim.username(), victim.password());
		return visitor.tokens(visitor.next(signedIn), app.secret());
	}

	private static String token(JsonNode tokens, String kind) {
		return tokens.get("access".equals(kind) ? "access_token" : "id_token").asString();
	}

	@ParameterizedTest
	@ValueSource(strings = { "access", "id" })
	void whenAnotherUsersTokenIsSentToAuthorizeWithoutASessionThenSignInPageAndNoCode(String kind) {
		App app = app(false);
		Person victim = person();
		String bearer = token(victimTokens(app, victim), kind);

		SignInFlow attacker = new SignInFlow(new TestBrowser(base), app.clientId(), REDIRECT);
		TestBrowser.Page answer = authorizeWithBearer(attacker, bearer);

		assertThat(answer.isSignInPage()).as("answer %s %s", answer.location(), answer.body()).isTrue();
		assertThat(answer.location()).doesNotContain("code=");
	}

	@ParameterizedTest
	@ValueSource(strings = { "access", "id" })
	void whenAnotherUsersTokenIsSentNextToASignedInSessionThenTheCodeIsForTheSessionsUser(String kind) {
		App app = app(false);
		Person victim = person();
		Person attacker = person();
		String bearer = token(victimTokens(app, victim), kind);
		TestBrowser browser = new TestBrowser(base);
		SignInFlow flow = new SignInFlow(browser, app.clientId(), REDIRECT);
		flow.authorize();
		flow.signIn(attacker.username(), attacker.password());

		TestBrowser.Page answer = authorizeWithBearer(flow, bearer);

		String code = SignInFlow.codeIn(answer);
		assertThat(code).as("answer %s", answer.location()).isNotNull();
		JsonNode tokens = flow.exchange(code, app.secret());
		assertThat(SignInFlow.claims(tokens.get("id_token").asString()).get("sub").asString())
			.isEqualTo(attacker.id())
			.isNotEqualTo(victim.id());
	}

	@ParameterizedTest
	@ValueSource(strings = { "access", "id" })
	void whenTheSessionPassedOnlyThePasswordThenAnotherUsersTokenDoesNotSkipTheSmsStep(String kind) {
		App plain = app(false);
		App withSms = app(true);
		Person victim = person();
		Person attacker = person();
		String bearer = token(victimTokens(plain, victim), kind);
		Visitor visitor = atSmsStep(withSms, attacker);
		SignInFlow flow = new SignInFlow(visitor.browser(), withSms.clientId(), REDIRECT);

		TestBrowser.Page answer = authorizeWithBearer(flow, bearer);

		assertThat(SignInFlow.codeIn(answer)).isNull();
		assertThat(answer.status()).isEqualTo(302);
		assertThat(answer.location()).matches(smsStep());
		assertThat(codesIssued(withSms)).isZero();
	}

	@Test
	void whenAnIdTokenIsPresentedAsAnAccessTokenThenUserinfoTheApiAndMetricsRefuseItAndIntrospectionSaysInactive()
			throws Exception {
		App app = app(false);
		JsonNode tokens = victimTokens(app, person());
		String accessToken = tokens.get("access_token").asString();
		String idToken = tokens.get("id_token").asString();
		Api api = Api.management(base);

		assertThat(header(accessToken)).contains("\"typ\":\"at+jwt\"");
		assertThat(header(idToken)).doesNotContain("at+jwt");
		assertThat(api.send("GET", "/userinfo", accessToken, null, null).status()).isEqualTo(200);
		assertThat(api.send("GET", "/userinfo", idToken, null, null).status()).isEqualTo(401);
		assertThat(api.send("GET", "/api/v1/applications", idToken, null, null).status()).isEqualTo(401);
		assertThat(api.send("GET", "/actuator/prometheus", idToken, null, null).status()).isEqualTo(401);
		assertThat(introspect(app, accessToken).get("active").asBoolean()).isTrue();
		assertThat(introspect(app, idToken).get("active").asBoolean()).isFalse();
	}

	private static TestBrowser.Page authorizeWithBearer(SignInFlow flow, String bearer) {
		String query = "response_type=code&client_id=" + flow.clientId() + "&redirect_uri=" + REDIRECT
				+ "&scope=openid&state=s&nonce=n&code_challenge=" + flow.pkce().challenge()
				+ "&code_challenge_method=S256";
		return flow.browser().get("/oauth2/authorize?" + query, Map.of("Authorization", "Bearer " + bearer));
	}

	private static String header(String jwt) {
		return new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))), StandardCharsets.UTF_8);
	}

	private JsonNode introspect(App app, String token) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/introspect"))
				.header("Authorization", ManagementClient.basic(app.clientId(), app.secret()))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("token=" + token))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return Api.JSON.readTree(response.body());
	}

}
