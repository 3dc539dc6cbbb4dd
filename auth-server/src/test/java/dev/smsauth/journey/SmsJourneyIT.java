package dev.smsauth.journey;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The five steps of the product's story in a real browser, through the real demo relying party:
 * enable SMS for an application, create a user with a phone, sign in with phone and password,
 * pass the SMS step with the code from the outbox and see amr pwd/sms/mfa in the demo app;
 * disable SMS and sign in again without the step.
 */
@AuthServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmsJourneyIT {

	static final String PHONE = "+447700900123";

	static final String PASSWORD = "journey-password-1";

	@LocalServerPort
	int port;

	ManagementClient admin;

	DemoClientProcess demo;

	Chromium browser;

	String clientId;

	@BeforeAll
	void startDemoAndBrowser() throws Exception {
		// In CI a missing browser is a failure (.ci/run installs it); on a laptop without it, skip.
		assumeTrue(Chromium.isInstalled() || System.getenv("CI") != null,
				"Debian chromium and chromium-driver are not installed");
		String issuer = "http://localhost:" + port;
		admin = new ManagementClient(issuer);
		int demoPort = DemoClientProcess.freePort();
		// Step 1: the administrator creates the application and turns on SMS verification.
		JsonNode app = admin.createApplication("{\"name\":\"Journey demo\",\"redirectUris\":[\"http://localhost:" + demoPort
				+ "/login/oauth2/code/smsauth\"],\"postLogoutRedirectUris\":[\"http://localhost:" + demoPort
				+ "/\"],\"scopes\":[\"openid\",\"profile\",\"email\",\"phone\",\"offline_access\"],\"mfa\":{\"sms\":true}}");
		clientId = app.get("clientId").asString();
		Path target = Path.of(System.getProperty("screenshotDir", "target/screenshots")).getParent();
		Files.createDirectories(target);
		demo = DemoClientProcess.startOnPort(issuer, clientId, app.get("clientSecret").asString(), demoPort,
				target.resolve("demo-client-journey.log"));
		browser = new Chromium(Path.of(System.getProperty("screenshotDir", "target/screenshots")));
		// Step 2: a user with a phone number.
		admin.createUser("journey", PHONE, PASSWORD);
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.close();
		}
		if (demo != null) {
			demo.close();
		}
	}

	@Test
	void smsOnThenSmsStepAndMfaInIdTokenThenSmsOffThenPasswordOnly() throws Exception {
		// Step 3: open the demo app, log in with phone number and password.
		browser.open(demo.base() + "/");
		browser.press("Log in");
		browser.waitForSignInPage("http://localhost:" + port);
		// The authorization endpoint answered with the sign-in page itself: no redirect to /login first.
		assertThat(browser.url()).startsWith("http://localhost:" + port + "/oauth2/authorize?");
		browser.screenshot("01-sign-in");
		browser.type("Phone number, email or username", "+44 7700 900123");
		browser.type("Password", PASSWORD);
		browser.press("Sign in");

		// Step 4: the SMS step shows the masked number; the code arrives in the outbox.
		browser.waitForUrlStartingWith("http://localhost:" + port + "/mfa/sms");
		assertThat(browser.text()).contains("+44 ••• ••• 0123").doesNotContain("7700900123");
		browser.screenshot("02-sms-step");
		browser.press("Send code");
		browser.waitForText("Verification code");
		// Send code's answer is the page itself; sms.js points the address bar back at the page, so a
		// reload shows it again and sends nothing (no form posted twice).
		assertThat(browser.url()).isEqualTo("http://localhost:" + port + "/mfa/sms");
		browser.driver().navigate().refresh();
		browser.waitForText("Verification code");
		assertThat(admin.outbox(PHONE)).hasSize(1);
		browser.type("Verification code", admin.latestCode(PHONE));
		browser.screenshot("03-code-entered");
		browser.press("Verify");
		browser.waitForUrlStartingWith(demo.base() + "/");
		browser.waitForText("SMS verified");
		browser.open(demo.base() + "/profile");
		assertThat(amrRow()).contains("pwd").contains("sms").contains("mfa");
		browser.screenshot("04-demo-app-mfa");

		// Step 5: the administrator turns SMS off; the next sign-in skips the SMS step.
		admin.setSms(clientId, false);
		browser.open(demo.base() + "/");
		browser.press("Log out");
		browser.waitForUrlStartingWith(demo.base() + "/");
		browser.waitForText("Log in");
		browser.press("Log in");
		browser.waitForSignInPage("http://localhost:" + port);
		browser.type("Phone number, email or username", "journey");
		browser.type("Password", PASSWORD);
		browser.press("Sign in");
		browser.waitForUrlStartingWith(demo.base() + "/");
		browser.waitForText("Password only");
		browser.open(demo.base() + "/profile");
		assertThat(amrRow()).contains("pwd").doesNotContain("sms").doesNotContain("mfa");
		browser.screenshot("05-demo-app-password-only");
	}

	private String amrRow() {
		return browser.driver().findElement(By.xpath("//tr[th//code[normalize-space()='amr']]")).getText();
	}

}
