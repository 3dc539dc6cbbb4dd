package dev.smsauth.conformance;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.smsauth.mfa.Factors;
import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.Pkce;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An authorization request sent by POST (OpenID Connect Core 3.1.2.1) behaves exactly as the same
 * request by GET: {@code prompt}, {@code max_age}, {@code acr_values}, {@code ui_locales} and
 * {@code login_hint}. Every test runs both ways and asserts the same answers.
 */
@AuthServerTest
class PostedAuthorizationRequestTests extends MfaTestBase {

	private final Pkce pkce = Pkce.create();

	/**
	 * The authorization request by {@code method}; for POST the 303 is asserted and followed once,
	 * so both ways return the answer of the GET the rules act on.
	 */
	private TestBrowser.Page authorize(String method, TestBrowser browser, App app, Map<String, String> extra) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("response_type", "code");
		parameters.put("client_id", app.clientId());
		parameters.put("redirect_uri", REDIRECT);
		parameters.put("scope", "openid profile");
		parameters.put("state", "st+ate/1");
		parameters.put("nonce", "nonce-1");
		parameters.put("code_challenge", pkce.challenge());
		parameters.put("code_challenge_method", "S256");
		parameters.putAll(extra);
		if ("GET".equals(method)) {
			StringBuilder query = new StringBuilder();
			parameters.forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&")
				.append(name)
				.append('=')
				.append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
			return browser.get("/oauth2/authorize" + query);
		}
		TestBrowser.Page posted = browser.post("/oauth2/authorize", parameters);
		assertThat(posted.status()).isEqualTo(303);
		assertThat(posted.location()).startsWith(base + "/oauth2/authorize?");
		return browser.get(posted.location());
	}

	/**
	 * Signs in with the password at the sign-in page the request led to; returns the factor page the
	 * answer names (303), or else the authorization endpoint's answer to the resumed request.
	 */
	private TestBrowser.Page signIn(TestBrowser browser, Person person) {
		SignInFlow flow = new SignInFlow(browser, "unused", REDIRECT);
		TestBrowser.Page signedIn = flow.signIn(person.username(), person.password());
		assertThat(signedIn.status()).isEqualTo(303);
		if (signedIn.location().matches(smsStep())) {
			return signedIn;
		}
		assertThat(signedIn.location()).startsWith(REDIRECT + "?code=");
		return browser.next(signedIn);
	}

	private JsonNode idToken(TestBrowser browser, App app, TestBrowser.Page redirect) {
		String code = SignInFlow.codeIn(redirect);
		assertThat(code).as("code in %s", redirect.location()).isNotNull();
		JsonNode tokens = exchange(app, code);
		return SignInFlow.claims(tokens.get("id_token").asString());
	}

	private JsonNode exchange(App app, String code) {
		try {
			java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/oauth2/token"))
					.header("Authorization", dev.smsauth.support.ManagementClient.basic(app.clientId(), app.secret()))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code
							+ "&redirect_uri=" + REDIRECT + "&code_verifier=" + pkce.verifier()))
					.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return dev.smsauth.support.Api.JSON.readTree(response.body());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET", "POST" })
	void whenPromptNoneWithoutASessionThenLoginRequiredWithStateAndIss(String method) {
		TestBrowser browser = new TestBrowser(base);

		TestBrowser.Page answer = authorize(method, browser, app(false), Map.of("prompt", "none"));

		assertThat(answer.status()).isEqualTo(302);
		assertThat(answer.location()).startsWith(REDIRECT + "?");
		assertThat(SignInFlow.param(answer, "error")).isEqualTo("login_required");
		assertThat(SignInFlow.param(answer, "state")).isEqualTo("st+ate/1");
		assertThat(SignInFlow.param(answer, "iss")).as(answer.location()).isEqualTo(base);
		assertThat(SignInFlow.codeIn(answer)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET", "POST" })
	void whenPromptLoginWithASessionThenTheSignInPageAgain(String method) {
		TestBrowser browser = new TestBrowser(base);
		App app = app(false);
		Person person = person();
		authorize("GET", browser, app, Map.of());
		assertThat(SignInFlow.codeIn(signIn(browser, person))).isNotNull();

		TestBrowser.Page answer = browser.follow(authorize(method, browser, app, Map.of("prompt", "login")));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).contains("Phone number, email or username");
		assertThat(SignInFlow.codeIn(signIn(browser, person))).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET", "POST" })
	void whenMaxAgeIsExceededThenSignInAgainAndTheIdTokenHasAFreshAuthTime(String method) {
		TestBrowser browser = new TestBrowser(base);
		App app = app(false);
		Person person = person();
		authorize("GET", browser, app, Map.of());
		signIn(browser, person);
		clock.advance(Duration.ofMinutes(5));

		TestBrowser.Page answer = authorize(method, browser, app, Map.of("max_age", "60"));

		assertThat(answer.status()).isEqualTo(302);
		assertThat(browser.follow(answer).body()).contains("Phone number, email or username");
		TestBrowser.Page code = signIn(browser, person);
		JsonNode claims = idToken(browser, app, code);
		assertThat(claims.get("auth_time").asLong()).isGreaterThanOrEqualTo(clock.instant().getEpochSecond() - 5);
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET", "POST" })
	void whenAcrValuesAskForMfaOnAnAppWithoutTheSmsStepThenTheSmsStepAndTheMfaAcr(String method) {
		TestBrowser browser = new TestBrowser(base);
		App app = app(false);
		Person person = person();

		TestBrowser.Page answer = authorize(method, browser, app, Map.of("acr_values", Factors.ACR_MFA));
		assertThat(answer.isSignInPage()).isTrue();
		TestBrowser.Page next = signIn(browser, person);

		assertThat(next.status()).as("straight from the password's answer").isEqualTo(303);
		assertThat(next.location()).matches(smsStep());
		assertThat(codesIssued(app)).isZero();
		dev.smsauth.mfa.Visitor visitor = new dev.smsauth.mfa.Visitor(browser, app.clientId(), REDIRECT);
		JsonNode claims = idToken(browser, app, passSms(visitor, person.phone()));
		assertThat(claims.get("acr").asString()).isEqualTo(Factors.ACR_MFA);
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET", "POST" })
	void whenUiLocalesAndLoginHintAreSentThenTheSignInPageSpeaksThatLanguageAndTheSignInCompletes(String method) {
		TestBrowser browser = new TestBrowser(base).acceptLanguage("en");
		App app = app(false);
		Person person = person();

		TestBrowser.Page answer = authorize(method, browser, app,
				Map.of("ui_locales", "zh-CN", "login_hint", person.username()));

		assertThat(answer.isSignInPage()).isTrue();
		assertThat(answer.body()).contains("手机号、邮箱或用户名");
		TestBrowser.Page code = signIn(browser, person);
		assertThat(SignInFlow.param(code, "state")).isEqualTo("st+ate/1");
		assertThat(idToken(browser, app, code).get("sub").asString()).isEqualTo(person.id());
	}

}
