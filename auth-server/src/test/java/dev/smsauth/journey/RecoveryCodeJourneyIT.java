package dev.smsauth.journey;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.Pkce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.smsauth.journey.IdTokens.amr;
import static dev.smsauth.journey.IdTokens.codeIn;
import static dev.smsauth.journey.IdTokens.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Recovery codes in a real browser: after a fresh sign-in (password and SMS) a person generates
 * codes at /account/recovery-codes, later signs in to an application that always asks for a second
 * factor with one of them instead of an SMS code ("Use a recovery code" → "Recovery code" →
 * "Verify"), and is back at the application with a code whose ID token says {@code mfa}; the same
 * code is refused the next time.
 */
@AuthServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecoveryCodeJourneyIT {

	static final String PASSWORD = "recovery-journey-password-1";

	@LocalServerPort
	int port;

	String base;

	ManagementClient api;

	Chromium browser;

	String phone;

	String clientId;

	String clientSecret;

	@BeforeAll
	void start() throws Exception {
		assumeTrue(Chromium.isInstalled() || System.getenv("CI") != null,
				"Debian chromium and chromium-driver are not installed");
		base = "http://localhost:" + port;
		api = new ManagementClient(base);
		// A number of its own: the shared test server may already know fixed ones.
		phone = "+4477009" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
		api.createUser("recovery-" + UUID.randomUUID().toString().substring(0, 8), phone, PASSWORD);
		JsonNode app = api.createApplication("{\"name\":\"Recovery app " + UUID.randomUUID().toString().substring(0, 8)
				+ "\",\"redirectUris\":[\"" + redirect() + "\"],\"scopes\":[\"openid\"],"
				+ "\"mfa\":{\"required\":\"always\",\"factors\":[\"sms\"]}}");
		clientId = app.get("clientId").asString();
		clientSecret = app.get("clientSecret").asString();
		browser = new Chromium(Path.of(System.getProperty("screenshotDir", "target/screenshots")));
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void aRecoveryCodeIsGeneratedUsedOnceAsTheSecondFactorAndRefusedTheSecondTime() throws Exception {
		// Generate: the page asks for the password and the SMS step first (fresh sign-in).
		browser.open(base + "/account/recovery-codes");
		signInWithPassword();
		browser.waitForUrlStartingWith(base + "/mfa/sms");
		browser.press("Send code");
		browser.waitForText("Verification code");
		browser.type("Verification code", api.latestCode(phone));
		browser.press("Verify");
		browser.waitForUrlStartingWith(base + "/account/recovery-codes");
		browser.press("Generate recovery codes");
		browser.waitForText("shown only this once");
		List<String> codes = browser.driver()
			.findElements(By.cssSelector("[data-testid=recovery-code]"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(codes).hasSize(10);
		String code = codes.get(0);

		// Sign in anew to the application: password, then the recovery code instead of SMS.
		browser.driver().manage().deleteCookieNamed("SMSAUTH_SESSION");
		Pkce pkce = Pkce.create();
		authorize(pkce);
		signInWithPassword();
		useRecoveryCode(code);
		browser.waitForUrlStartingWith(redirect());
		JsonNode idToken = idToken(codeIn(browser.url()), pkce);
		assertThat(amr(idToken)).contains("mfa").doesNotContain("sms");

		// The same code a second time: refused, the person stays at the recovery step.
		browser.driver().manage().deleteCookieNamed("SMSAUTH_SESSION");
		authorize(Pkce.create());
		signInWithPassword();
		useRecoveryCode(code);
		browser.waitForText("already used");
		assertThat(browser.url()).startsWith(base + "/mfa/recovery-code");
	}

	private void useRecoveryCode(String code) {
		browser.waitForUrlStartingWith(base + "/mfa/sms");
		browser.driver().findElement(By.linkText("Use a recovery code")).click();
		browser.waitForUrlStartingWith(base + "/mfa/recovery-code");
		browser.type("Recovery code", code);
		browser.press("Verify");
	}

	private void signInWithPassword() {
		browser.waitForSignInPage(base);
		browser.type("Phone number, email or username", phone);
		browser.type("Password", PASSWORD);
		browser.press("Sign in");
	}

	private void authorize(Pkce pkce) {
		browser.open(base + "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri="
				+ enc(redirect()) + "&scope=openid&state=s1&nonce=n1&code_challenge=" + pkce.challenge()
				+ "&code_challenge_method=S256");
	}

	/** The application's callback: a page of this server that does not exist, so the browser stops there. */
	private String redirect() {
		return "http://localhost:" + port + "/rp/recovery/callback";
	}

	private JsonNode idToken(String code, Pkce pkce) throws Exception {
		return IdTokens.redeem(base, clientId, clientSecret, redirect(), code, pkce.verifier());
	}

}
