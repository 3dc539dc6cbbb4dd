package dev.smsauth;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.MutableClock;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product's story over real HTTP, hop by hop: an administrator turns SMS on for one
 * application, a user signs in with phone number and password, gets the SMS step, and the ID
 * token says so; with SMS off the same sign-in skips the step; other applications never change.
 */
@AuthServerTest
class SmsStoryTests {

	static final String REDIRECT = "https://app.example.com/callback";

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	ManagementClient admin;

	String base;

	@BeforeEach
	void setUp() {
		clock.reset();
		base = "http://localhost:" + port;
		admin = new ManagementClient(base);
	}

	@Test
	void whenSmsOnThenSecondStepThenAmrSaysMfaAndWhenOffThenPasswordOnly() {
		JsonNode app = admin.createApplication("{\"name\":\"Shop\",\"redirectUris\":[\"" + REDIRECT
				+ "\"],\"scopes\":[\"openid\",\"profile\",\"phone\"],\"mfa\":{\"sms\":true}}");
		JsonNode other = admin.createApplication("{\"name\":\"Blog\",\"redirectUris\":[\"" + REDIRECT
				+ "\"],\"scopes\":[\"openid\"]}");
		String clientId = app.get("clientId").asString();
		String secret = app.get("clientSecret").asString();
		admin.createUser("story-user", "+14155550123", "story-password-1");

		// Sign in with the phone number as typed by a person.
		TestBrowser browser = new TestBrowser(base);
		SignInFlow flow = new SignInFlow(browser, clientId, REDIRECT);
		TestBrowser.Page start = flow.authorize();
		assertThat(start.isSignInPage()).as("the authorization endpoint answers with the sign-in page").isTrue();

		TestBrowser.Page afterPassword = flow.signIn("+1 (415) 555-0123", "story-password-1");
		// Straight to the SMS step: the password's answer already knows the application needs it.
		assertThat(afterPassword.status()).isEqualTo(303);
		assertThat(afterPassword.location()).startsWith(base + "/mfa/sms");

		TestBrowser.Page smsPage = browser.get("/mfa/sms");
		assertThat(smsPage.body()).contains("+1 ••• ••• 0123").doesNotContain("4155550123");
		assertThat(smsPage.body()).contains(">Send code<").doesNotContain("Verification code");
		assertThat(admin.outbox("+14155550123")).isEmpty(); // sent only when "Send code" is pressed

		assertThat(flow.sendCode().status()).isEqualTo(200);
		assertThat(browser.get("/mfa/sms").body()).contains("Verification code").contains(">Verify<");
		// The code's answer is the waiting authorization request's own: 303 back to the app with its code.
		TestBrowser.Page toApp = flow.verify(admin.latestCode("+14155550123"));
		assertThat(toApp.status()).isEqualTo(303);
		assertThat(toApp.location()).startsWith(REDIRECT + "?code=");
		assertThat(SignInFlow.param(toApp, "state")).isEqualTo("state-123");
		assertThat(SignInFlow.param(toApp, "iss")).isEqualTo(base);
		JsonNode tokens = flow.exchange(SignInFlow.codeIn(toApp), secret);
		JsonNode idToken = SignInFlow.claims(tokens.get("id_token").asString());
		assertThat(idToken.get("amr").toString()).isEqualTo("[\"pwd\",\"sms\",\"mfa\"]");
		assertThat(idToken.get("acr").asString()).contains("mfa");
		assertThat(idToken.has("auth_time")).isTrue();

		// The administrator turns SMS off: a new sign-in goes straight back after the password.
		admin.setSms(clientId, false);
		TestBrowser second = new TestBrowser(base);
		SignInFlow flow2 = new SignInFlow(second, clientId, REDIRECT);
		flow2.authorize();
		TestBrowser.Page back = flow2.signIn("story-user", "story-password-1");
		assertThat(back.status()).isEqualTo(303);
		assertThat(back.location()).startsWith(REDIRECT + "?code=");
		JsonNode idToken2 = SignInFlow.claims(flow2.exchange(SignInFlow.codeIn(back), secret).get("id_token").asString());
		assertThat(idToken2.get("amr").toString()).isEqualTo("[\"pwd\"]");

		// The other application never changed.
		JsonNode otherNow = admin.call("GET", "/api/v1/applications/" + other.get("clientId").asString(), null).json();
		assertThat(otherNow.get("mfa").get("sms").asBoolean()).isFalse();
	}

}
