package dev.smsauth.journey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.smsauth.sms.vonage.VonageFake;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * "Send by another route" in Chromium through the real demo relying party. The route is
 * {@code vonage,outbox}: the real Vonage SDK posts to a WireMock Vonage in this JVM that accepts
 * the message and never delivers it (no receipt). The person waits on the SMS step with a half-typed
 * code; once {@code auth.sms.another-route-after} (3 s) has passed, the page's script shows
 * <b>Send by another route</b> without a reload (the typed digits stay); pressing it sends a new
 * code through the outbox, which the person types to land back in the demo app with amr pwd, sms,
 * mfa. The application clock is moved on by the test, so the server's side of the wait is exact.
 */
@AuthServerTest
@TestPropertySource(properties = { VonageFake.OWN_MANAGEMENT_SECRET, VonageFake.OWN_HMAC_KEY,
		VonageFake.OWN_KEY_ENCRYPTION_KEY, "auth.sms.routes.default=vonage,outbox",
		"auth.sms.outbox.allow-in-production=true", "auth.sms.vonage.api-key=" + VonageFake.API_KEY,
		"auth.sms.vonage.api-secret=" + VonageFake.API_SECRET, "auth.sms.vonage.from=" + VonageFake.FROM,
		"auth.sms.vonage.timeout=10s", "auth.sms.another-route-after=PT3S" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnotherRouteJourneyIT {

	static final WireMockServer VONAGE = VonageFake.start();

	static final String PHONE = "+447700900321";

	static final String PASSWORD = "another-route-password-1";

	static final String BUTTON = "Send by another route";

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	ManagementClient admin;

	DemoClientProcess demo;

	Chromium browser;

	@DynamicPropertySource
	static void vonageBaseUri(DynamicPropertyRegistry registry) {
		registry.add("auth.sms.vonage.base-uri", VONAGE::baseUrl);
	}

	@BeforeAll
	void startDemoAndBrowser() throws Exception {
		assumeTrue(Chromium.isInstalled() || System.getenv("CI") != null,
				"Debian chromium and chromium-driver are not installed");
		// Vonage takes every message and says it is on its way; no receipt ever follows.
		VONAGE.stubFor(post(urlEqualTo("/sms/json")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(VonageFake.accepted(PHONE.substring(1), "dropped-by-carrier-1"))));
		String issuer = "http://localhost:" + port;
		admin = new ManagementClient(issuer, "management-cli", VonageFake.MANAGEMENT_SECRET);
		int demoPort = DemoClientProcess.freePort();
		JsonNode app = admin.createApplication("{\"name\":\"Another route demo\",\"redirectUris\":[\"http://localhost:"
				+ demoPort + "/login/oauth2/code/smsauth\"],\"postLogoutRedirectUris\":[\"http://localhost:" + demoPort
				+ "/\"],\"scopes\":[\"openid\",\"profile\",\"email\",\"phone\",\"offline_access\"],\"mfa\":{\"sms\":true}}");
		Path screenshots = Path.of(System.getProperty("screenshotDir", "target/screenshots"));
		Files.createDirectories(screenshots.getParent());
		demo = DemoClientProcess.startOnPort(issuer, app.get("clientId").asString(), app.get("clientSecret").asString(),
				demoPort, screenshots.getParent().resolve("demo-client-another-route.log"));
		browser = new Chromium(screenshots);
		admin.createUser("another-route", PHONE, PASSWORD);
	}

	@AfterAll
	void stop() {
		if (clock != null) {
			clock.reset();
		}
		if (browser != null) {
			browser.close();
		}
		if (demo != null) {
			demo.close();
		}
		VONAGE.stop();
	}

	@Test
	void whenTheFirstProviderDropsTheCodeThenAnotherRouteBringsANewOneAndTheSignInCompletes() throws Exception {
		String base = "http://localhost:" + port;
		browser.open(demo.base() + "/");
		browser.press("Log in");
		browser.waitForSignInPage(base);
		browser.type("Phone number, email or username", "another-route");
		browser.type("Password", PASSWORD);
		browser.press("Sign in");
		browser.waitForUrlStartingWith(base + "/mfa/sms");

		browser.press("Send code");
		browser.waitForText("Verification code");
		assertThat(VONAGE.findAll(postRequestedFor(urlEqualTo("/sms/json")))).hasSize(1);
		assertThat(admin.outbox(PHONE)).isEmpty();
		// Nothing arrives. The person starts typing what they hope is coming, and waits.
		browser.type("Verification code", "12");
		assertThat(browser.buttonShown(BUTTON)).isFalse();
		assertThat(browser.text()).contains("If the code has not arrived in 3 seconds, reload this page");
		browser.screenshot("another-route-01-waiting");

		clock.advance(Duration.ofSeconds(3));
		// The page asks the server (sms.js) and shows the button without a reload.
		browser.waitForButton(BUTTON);
		assertThat(browser.field("Verification code").getDomProperty("value")).isEqualTo("12");
		assertThat(browser.text()).contains("Code not arrived? We can send it through another provider.");
		browser.screenshot("another-route-02-offered");

		browser.press(BUTTON);
		browser.waitForText("We sent a new code through another provider.");
		assertThat(VONAGE.findAll(postRequestedFor(urlEqualTo("/sms/json")))).hasSize(1);
		assertThat(browser.buttonShown(BUTTON)).isFalse();
		browser.type("Verification code", admin.latestCode(PHONE));
		browser.screenshot("another-route-03-new-code");
		browser.press("Verify");
		browser.waitForUrlStartingWith(demo.base() + "/");
		browser.waitForText("SMS verified");
		browser.open(demo.base() + "/profile");
		String amr = browser.driver().findElement(By.xpath("//tr[th//code[normalize-space()='amr']]")).getText();
		assertThat(amr).contains("pwd").contains("sms").contains("mfa");
		browser.screenshot("another-route-04-demo-app-mfa");
	}

}
