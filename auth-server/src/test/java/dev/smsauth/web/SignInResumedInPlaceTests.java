package dev.smsauth.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.mfa.Visitor;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The last step of a sign-in answers with what the waiting authorization request answers
 * ({@link ResumedInPlace}): the password when no factor is asked for, the SMS code when it is. What
 * must hold: the answer is 303 (the browser's request was a POST with a secret in it), to the
 * application with a code that redeems for the right person and factors, from the request as the
 * application sent it, whatever the step's own form carried; the session the step made is the one
 * the next request finds; what the endpoint answers other than a code (consent) comes through as it
 * is; and a step that continues anywhere but the authorization endpoint still redirects there.
 */
@AuthServerTest
class SignInResumedInPlaceTests extends MfaTestBase {

	private static final String SESSION_COOKIE = "SMSAUTH_SESSION";

	@Test
	void whenTheSmsCodeIsRightThenItsAnswerIsTheRedirectToTheApplicationWithACodeForTheSignIn() {
		Person person = person();
		App app = app(true);
		Visitor visitor = atSmsStep(app, person);
		assertThat(visitor.sendCode().status()).isEqualTo(200);
		String sessionBefore = visitor.browser().cookie(SESSION_COOKIE);

		TestBrowser.Page verified = visitor.verify(admin.latestCode(person.phone()));

		assertThat(verified.status()).as("after a POST with a code: 303, never 302 or 307").isEqualTo(303);
		assertThat(verified.location()).startsWith(REDIRECT + "?code=");
		assertThat(SignInFlow.param(verified, "state")).isEqualTo("state-123");
		assertThat(SignInFlow.param(verified, "iss")).isEqualTo(base);
		assertThat(verified.header("Cache-Control")).contains("no-store");
		assertThat(visitor.browser().cookie(SESSION_COOKIE)).as("a new session id after the factor")
			.isNotNull()
			.isNotEqualTo(sessionBefore);
		JsonNode idToken = visitor.idToken(verified, app.secret());
		assertThat(idToken.get("sub").asString()).isEqualTo(person.id());
		assertThat(idToken.get("amr").toString()).isEqualTo("[\"pwd\",\"sms\",\"mfa\"]");
		assertThat(idToken.get("nonce").asString()).isEqualTo("nonce-456");
		// The session this answer saved (the factor, the new id) is the one the next request finds.
		TestBrowser.Page again = visitor.authorize();
		assertThat(again.location()).as("signed in with the factor: a code at once").startsWith(REDIRECT + "?code=");
	}

	@Test
	void whenNoFactorIsAskedForThenThePasswordsAnswerIsTheRedirectToTheApplicationWithACode() {
		Person person = person();
		App app = app(false);
		Visitor visitor = visitor(app);
		assertThat(visitor.authorize().isSignInPage()).isTrue();

		TestBrowser.Page password = visitor.signIn(person.username(), person.password());

		assertThat(password.status()).isEqualTo(303);
		assertThat(password.location()).startsWith(REDIRECT + "?code=");
		assertThat(SignInFlow.param(password, "state")).isEqualTo("state-123");
		JsonNode idToken = visitor.idToken(password, app.secret());
		assertThat(idToken.get("sub").asString()).isEqualTo(person.id());
		assertThat(idToken.get("amr").toString()).isEqualTo("[\"pwd\"]");
		// The session the password made (its new id in this answer's cookie) is the one the next request finds.
		assertThat(visitor.authorize().location()).as("signed in: a code at once").startsWith(REDIRECT + "?code=");
	}

	/**
	 * The step's form is not part of the resumed request: fields that look like protocol parameters
	 * (another redirect address, state, scope, client, response type, prompt) change nothing, and
	 * neither the code nor the password reaches the application.
	 */
	@Test
	void whenTheStepsFormCarriesProtocolParametersThenTheResumedRequestIsTheApplicationsOwn() {
		Person person = person();
		App app = app(true);
		App other = app(false);
		Visitor visitor = atSmsStep(app, person);
		visitor.sendCode();
		TestBrowser.Page smsPage = visitor.smsPage();
		String code = admin.latestCode(person.phone());
		Map<String, String> form = new LinkedHashMap<>(forgedProtocolFields(other));
		form.put("code", code);

		TestBrowser.Page verified = visitor.browser().submit(smsPage, "/mfa/sms/verify", form);

		assertThat(verified.status()).isEqualTo(303);
		assertThat(verified.location()).startsWith(REDIRECT + "?code=")
			.doesNotContain("evil")
			.doesNotContain("forged")
			.doesNotContain(code + "&")
			.doesNotContain("_csrf");
		assertThat(SignInFlow.param(verified, "state")).isEqualTo("state-123");
		JsonNode tokens = visitor.tokens(verified, app.secret());
		assertThat(tokens.get("scope").asString()).doesNotContain("offline_access");

		// The same on the password's answer.
		Person second = person();
		Visitor passwordOnly = visitor(app(false));
		TestBrowser.Page page = passwordOnly.authorize();
		Map<String, String> login = new LinkedHashMap<>(forgedProtocolFields(other));
		login.put("username", second.username());
		login.put("password", second.password());
		TestBrowser.Page signedIn = passwordOnly.browser().submit(page, "/login", login);
		assertThat(signedIn.location()).startsWith(REDIRECT + "?code=").doesNotContain("evil")
			.doesNotContain(second.password());
		assertThat(SignInFlow.param(signedIn, "state")).isEqualTo("state-123");
	}

	private static Map<String, String> forgedProtocolFields(App other) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("redirect_uri", "https://evil.example/cb");
		fields.put("state", "forged");
		fields.put("scope", "openid offline_access");
		fields.put("client_id", other.clientId());
		fields.put("response_type", "token");
		fields.put("prompt", "login");
		return fields;
	}

	@Test
	void whenTheApplicationAsksForConsentThenTheCodesAnswerIsTheConsentPage() {
		Person person = person();
		JsonNode json = admin.createApplication("{\"name\":\"Consent " + UUID.randomUUID().toString().substring(0, 8)
				+ "\",\"redirectUris\":[\"" + REDIRECT + "\"],\"scopes\":[\"openid\",\"profile\",\"phone\"],"
				+ "\"consentRequired\":true,\"mfa\":{\"sms\":true}}");
		App app = new App(json.get("clientId").asString(), json.get("clientSecret").asString());
		Visitor visitor = atSmsStep(app, person);
		visitor.sendCode();

		TestBrowser.Page verified = visitor.verify(admin.latestCode(person.phone()));

		assertThat(verified.status()).isEqualTo(303);
		assertThat(verified.location()).startsWith(base + "/oauth2/consent?");
		assertThat(SignInFlow.codeIn(verified)).isNull();
		TestBrowser.Page consent = visitor.next(verified);
		assertThat(consent.status()).isEqualTo(200);
		assertThat(consent.body()).contains("name=\"state\"");
	}

	@Test
	void whenTheSignInWasForAnotherPageThenThePasswordStillRedirectsThere() {
		Person person = person();
		Visitor visitor = visitor(app(false));
		visitor.authorize();
		visitor.get("/account/devices");

		TestBrowser.Page signedIn = visitor.signIn(person.username(), person.password());

		assertThat(signedIn.status()).isEqualTo(303);
		assertThat(signedIn.location()).isEqualTo(base + "/account/devices?continue");
	}

}
