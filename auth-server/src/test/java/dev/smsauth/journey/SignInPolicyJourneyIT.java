package dev.smsauth.journey;

import java.nio.file.Path;
import java.time.Duration;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.MutableClock;
import dev.smsauth.support.Pkce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.smsauth.journey.IdTokens.amr;
import static dev.smsauth.journey.IdTokens.codeIn;
import static dev.smsauth.journey.IdTokens.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 12's example, done the way an administrator and a person would: in the console the
 * administrator gives "Payroll" a second factor at every sign-in, asked again after 8 hours, and
 * "Wiki" a second factor only on a new device, remembering a device for 30 days. In Chromium a
 * person then signs in to both, in one SSO session, and later again; each ID token says what
 * happened ({@code amr}, {@code acr}). The application clock moves the hours forward.
 */
@AuthServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInPolicyJourneyIT {

	static final String PHONE = "+447700900789";

	static final String PASSWORD = "policy-journey-password-1";

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	String base;

	ManagementClient api;

	Chromium admin;

	Chromium person;

	@BeforeAll
	void start() throws Exception {
		assumeTrue(Chromium.isInstalled() || System.getenv("CI") != null,
				"Debian chromium and chromium-driver are not installed");
		base = "http://localhost:" + port;
		api = new ManagementClient(base);
		Path screenshots = Path.of(System.getProperty("screenshotDir", "target/screenshots"));
		admin = new Chromium(screenshots);
		person = new Chromium(screenshots);
		api.createUser("policy-person", PHONE, PASSWORD);
	}

	@AfterAll
	void stop() {
		// The next journey on this shared server starts at the real time again.
		if (clock != null) {
			clock.reset();
		}
		if (admin != null) {
			admin.close();
		}
		if (person != null) {
			person.close();
		}
	}

	@Test
	void payrollAsksEveryEightHoursWikiOnlyOnANewDeviceAndTheIdTokensSaySo() throws Exception {
		clock.reset();
		// Other journeys on this shared server sent the administrator a code moments ago: start with
		// no cooldown or budget used.
		dev.smsauth.support.Budgets.resetAll(jdbc);
		App payroll = createInConsole("Payroll");
		App wiki = createInConsole("Wiki");
		setPolicy(payroll, "At every sign-in", "8", "0");
		assertThat(admin.driver().findElement(By.cssSelector("[data-testid=policy-summary]")).getText())
			.contains("every 8 hours");
		setPolicy(wiki, "Only on a new device", "", "30");
		assertThat(admin.driver().findElement(By.cssSelector("[data-testid=policy-summary]")).getText())
			.contains("new device")
			.contains("30 days");
		admin.screenshot("policy-01-wiki-mfa-tab");

		// A browser this person never used: the wiki asks for the code; they tick "Remember this device".
		String wikiCode = signIn(wiki, true, true);
		JsonNode first = idToken(wiki, wikiCode);
		assertThat(amr(first)).containsExactly("pwd", "sms", "mfa");

		// Payroll in the same SSO session: the factor is fresh, no step at all.
		JsonNode payrollFirst = idToken(payroll, authorizeExpectingCode(payroll));
		assertThat(amr(payrollFirst)).contains("mfa");

		// Nine hours later: payroll asks for the password and the code again; the wiki does not.
		clock.advance(Duration.ofHours(9));
		JsonNode wikiLater = idToken(wiki, authorizeExpectingCode(wiki));
		assertThat(amr(wikiLater)).contains("pwd");
		String payrollCode = signIn(payroll, true, false);
		JsonNode payrollLater = idToken(payroll, payrollCode);
		assertThat(amr(payrollLater)).containsExactly("pwd", "sms", "mfa");
		assertThat(payrollLater.get("auth_time").asLong()).isGreaterThan(payrollFirst.get("auth_time").asLong());

		// A new session in the remembered browser, days later: the wiki takes the password alone and
		// says so (password level, no mfa); payroll still asks for the code in that session.
		clock.advance(Duration.ofDays(3));
		person.driver().manage().deleteCookieNamed("SMSAUTH_SESSION");
		String rememberedCode = signIn(wiki, false, false);
		JsonNode remembered = idToken(wiki, rememberedCode);
		assertThat(amr(remembered)).containsExactly("pwd");
		assertThat(remembered.get("acr").asString()).isEqualTo("urn:smsauth:acr:pwd");
		authorize(payroll);
		person.waitForUrlStartingWith(base + "/mfa/sms");
		person.screenshot("policy-02-payroll-asks-again");
	}

	private App createInConsole(String name) {
		if (!admin.url().startsWith(base + "/console")) {
			admin.open(base + "/console");
			admin.waitForSignInPage(base);
			admin.type("Phone number, email or username", "admin");
			admin.type("Password", "admin-password");
			admin.press("Sign in");
			admin.waitForUrlStartingWith(base + "/mfa/sms");
			admin.press("Send code");
			admin.waitForText("Verification code");
			admin.type("Verification code", api.latestCode("+15555550199"));
			admin.press("Verify");
			admin.waitForUrlStartingWith(base + "/console/applications");
		}
		admin.open(base + "/console/applications");
		admin.driver().findElement(By.linkText("New application")).click();
		admin.waitForText("Redirect URIs");
		admin.type("Name", name);
		admin.type("Redirect URIs", redirect(name));
		admin.type("Scopes", "openid profile phone");
		admin.press("Create application");
		admin.waitForText("Copy the client secret now");
		String clientId = admin.driver().findElement(By.cssSelector("[data-testid=client-id]")).getText();
		String secret = admin.driver().findElement(By.cssSelector("[data-testid=client-secret]")).getText();
		return new App(name, clientId, secret, Pkce.create());
	}

	private void setPolicy(App app, String when, String hours, String rememberDays) {
		admin.open(base + "/console/applications/" + app.clientId() + "?tab=mfa");
		admin.waitForText("Multi-factor authentication");
		if (!admin.field("SMS verification code").isSelected()) {
			admin.field("SMS verification code").click();
		}
		new Select(admin.field("Ask for a second factor")).selectByVisibleText(when);
		if (!admin.field("SMS code").isSelected()) {
			admin.field("SMS code").click();
		}
		admin.type("Ask again after (hours)", hours);
		admin.type("Remember a device for (days)", rememberDays);
		admin.press("Save");
		admin.waitForText(app.name());
	}

	/** Authorize, password, and (when asked) the SMS code; returns the authorization code. */
	private String signIn(App app, boolean expectCodeStep, boolean remember) {
		authorize(app);
		person.waitForSignInPage(base);
		person.type("Phone number, email or username", PHONE);
		person.type("Password", PASSWORD);
		person.press("Sign in");
		if (expectCodeStep) {
			person.waitForUrlStartingWith(base + "/mfa/sms");
			person.press("Send code");
			person.waitForText("Verification code");
			person.type("Verification code", api.latestCode(PHONE));
			if (remember) {
				person.field("Remember this device").click();
			}
			person.press("Verify");
		}
		person.waitForUrlStartingWith(redirect(app.name()));
		return codeIn(person.url());
	}

	private String authorizeExpectingCode(App app) {
		authorize(app);
		person.waitForUrlStartingWith(redirect(app.name()));
		return codeIn(person.url());
	}

	private void authorize(App app) {
		person.open(base + "/oauth2/authorize?response_type=code&client_id=" + app.clientId() + "&redirect_uri="
				+ enc(redirect(app.name())) + "&scope=openid&state=s1&nonce=n1&code_challenge=" + app.pkce().challenge()
				+ "&code_challenge_method=S256");
	}

	/** The application's callback: a page of this server that does not exist, so the browser stops there. */
	private String redirect(String name) {
		return base + "/rp/" + name.toLowerCase() + "/callback";
	}

	private JsonNode idToken(App app, String code) throws Exception {
		return IdTokens.redeem(base, app.clientId(), app.secret(), redirect(app.name()), code, app.pkce().verifier());
	}

	record App(String name, String clientId, String secret, Pkce pkce) {
	}

}
