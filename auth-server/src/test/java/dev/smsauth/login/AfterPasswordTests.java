package dev.smsauth.login;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.smsauth.mfa.Factors;
import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.mfa.Visitor;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the right password leads ({@link AfterPassword}): straight to the factor page the waiting
 * authorization request needs, else back to that request (resumed in place: the password's answer is
 * the endpoint's). The shortcut must never disagree with the
 * authorization endpoint's own rule, which still decides once the request resumes: for every
 * combination of an application's {@code required} and {@code factors}, the request's
 * {@code acr_values} and a person with or without a phone number, the page the password leads to is
 * the page the endpoint sends the same browser to, and when the password leads back to the request,
 * the endpoint asks for no factor.
 */
@AuthServerTest
class AfterPasswordTests extends MfaTestBase {

	private static final List<String> REQUIRED = List.of("never", "always", "new-device");

	private static final List<String> FACTORS = List.of("[\"sms\"]", "[\"totp\"]", "[\"sms\",\"totp\"]",
			"[\"passkey\",\"sms\"]", "[\"passkey\"]");

	private static final List<String> ACR_VALUES = List.of("", Factors.ACR_MFA, Factors.ACR_PHISHING_RESISTANT,
			Factors.ACR_PASSWORD);

	private static final List<String> FACTOR_PAGES = List.of("/mfa/sms", "/mfa/authenticator", "/mfa/passkey");

	private App policyApp(String required, String factors) {
		JsonNode json = admin.createApplication("{\"name\":\"After password " + UUID.randomUUID().toString().substring(0, 8)
				+ "\",\"redirectUris\":[\"" + REDIRECT + "\"],\"scopes\":[\"openid\",\"profile\",\"phone\"],"
				+ "\"mfa\":{\"required\":\"" + required + "\",\"factors\":" + factors + "}}");
		return new App(json.get("clientId").asString(), json.get("clientSecret").asString());
	}

	private static Map<String, String> acr(String acrValues) {
		return acrValues.isEmpty() ? Map.of() : Map.of("acr_values", acrValues);
	}

	/** The factor page a location names, or null when it names none. */
	private String factorPage(String location) {
		String path = location.startsWith(base) ? location.substring(base.length()) : location;
		int query = path.indexOf('?');
		String bare = query < 0 ? path : path.substring(0, query);
		return FACTOR_PAGES.contains(bare) ? bare : null;
	}

	@Test
	void thePasswordLeadsWhereTheAuthorizationEndpointSendsTheSameBrowser() {
		List<String> shortcuts = new ArrayList<>();
		int combinations = 0;
		for (String required : REQUIRED) {
			for (String factors : FACTORS) {
				App app = policyApp(required, factors);
				for (String acrValues : ACR_VALUES) {
					for (boolean phone : List.of(true, false)) {
						Person person = phone ? person() : personWithoutPhone();
						Visitor visitor = visitor(app);
						String combination = required + " " + factors + " acr=" + acrValues + " phone=" + phone;
						// The endpoint answers with the sign-in page; its own form is the one posted.
						TestBrowser.Page signInPage = visitor.authorize(acr(acrValues));
						assertThat(signInPage.isSignInPage()).as(combination).isTrue();
						TestBrowser.Page password = visitor.browser().submit(signInPage, "/login",
								Map.of("username", person.username(), "password", person.password()));
						assertThat(password.status()).as(combination).isEqualTo(303);

						// What the endpoint's rule says to the same browser, asked with the same request.
						TestBrowser.Page endpoint = visitor.authorize(acr(acrValues));
						String pageByShortcut = factorPage(password.location());
						if (pageByShortcut != null) {
							shortcuts.add(combination);
							assertThat(endpoint.status()).as(combination).isEqualTo(302);
							assertThat(factorPage(endpoint.location())).as(combination).isEqualTo(pageByShortcut);
						}
						else {
							// Back to the request, resumed in place: the password's answer is the endpoint's, the code.
							assertThat(password.location()).as(combination).startsWith(REDIRECT + "?code=");
							assertThat(factorPage(endpoint.location())).as(combination + ": the endpoint asks for a factor")
								.isNull();
							assertThat(SignInFlow.codeIn(endpoint)).as(combination).isNotNull();
						}
						combinations++;
					}
				}
			}
		}
		assertThat(combinations).isEqualTo(REQUIRED.size() * FACTORS.size() * ACR_VALUES.size() * 2);
		// Both ways are taken: most combinations need a factor, "never" without step-up needs none.
		assertThat(shortcuts).hasSizeBetween(1, combinations - 1);
	}

	@Test
	void whenTheRequestHasPromptOrMaxAgeThenThePasswordLeadsBackToItAndTheEndpointAsksForTheFactor() {
		App app = app(true);
		for (Map<String, String> extra : List.of(Map.of("prompt", "login"), Map.of("max_age", "600"),
				Map.of("prompt", "consent"))) {
			Person person = person();
			Visitor visitor = visitor(app);
			TestBrowser.Page start = visitor.authorize(extra);
			// prompt=login is replayed without it before the sign-in page; the others wait as they are.
			while (start.status() == 302 && start.location().startsWith(base + "/oauth2/authorize")) {
				start = visitor.get(start.location());
			}
			assertThat(start.isSignInPage()).as("%s", extra).isTrue();
			int issued = codesIssued(app);
			TestBrowser.Page password = visitor.signIn(person.username(), person.password());
			// prompt=login was replayed without it, so the password's answer names the factor itself;
			// with max_age or prompt=consent the request resumes in place, and its answer is the
			// endpoint's own rule asking for the factor. Either way 303, and no code yet.
			assertThat(password.status()).as("%s", extra).isEqualTo(303);
			assertThat(password.location()).as("%s", extra).matches(smsStep());
			assertThat(codesIssued(app)).as("%s", extra).isEqualTo(issued);
			visitor.assertNoCodeInAnyHop();
		}
	}

	@Test
	void whenNothingWaitsThenThePasswordLeadsHome() {
		Person person = person();
		TestBrowser browser = new TestBrowser(base);
		TestBrowser.Page login = browser.get("/login");
		TestBrowser.Page password = browser.submit(login, "/login",
				Map.of("username", person.username(), "password", person.password()));
		assertThat(password.status()).isEqualTo(303);
		assertThat(password.location()).isEqualTo(base + "/");
	}

}
