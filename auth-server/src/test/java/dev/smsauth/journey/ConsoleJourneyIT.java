package dev.smsauth.journey;

import java.nio.file.Path;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The seed product's guide done entirely from the console and the hosted pages, in Chromium: the
 * administrator signs in (with the SMS step, the console requires it), creates an application with
 * SMS verification on and a user with a phone; that user signs in through the demo app with the
 * SMS step; the administrator switches SMS off on the MFA tab; the user signs in without it; the
 * audit page shows all of it. Screenshots of the main console pages land in target/screenshots.
 */
@AuthServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleJourneyIT {

	static final String ADMIN_PHONE = "+15555550199";

	static final String USER_PHONE = "+8613900139000";

	@LocalServerPort
	int port;

	ManagementClient outbox;

	Chromium admin;

	Chromium user;

	DemoClientProcess demo;

	String base;

	@BeforeAll
	void startBrowsers() throws Exception {
		assumeTrue(Chromium.isInstalled() || System.getenv("CI") != null,
				"Debian chromium and chromium-driver are not installed");
		base = "http://localhost:" + port;
		// Only to read the dev outbox, standing in for the two phones.
		outbox = new ManagementClient(base);
		Path screenshots = Path.of(System.getProperty("screenshotDir", "target/screenshots"));
		admin = new Chromium(screenshots);
		user = new Chromium(screenshots);
	}

	@AfterAll
	void stop() {
		for (AutoCloseable closeable : new AutoCloseable[] { admin, user, demo }) {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				// best effort
			}
		}
	}

	@Test
	void administratorDoesTheWholeGuideFromTheConsole() throws Exception {
		int demoPort = DemoClientProcess.freePort();

		// The administrator opens the console: sign-in, then the SMS step the console requires.
		admin.open(base + "/console");
		admin.waitForSignInPage(base);
		admin.type("Phone number, email or username", "admin");
		admin.type("Password", "admin-password");
		admin.press("Sign in");
		admin.waitForUrlStartingWith(base + "/mfa/sms");
		admin.press("Send code");
		admin.waitForText("Verification code");
		admin.type("Verification code", outbox.latestCode(ADMIN_PHONE));
		admin.press("Verify");
		admin.waitForUrlStartingWith(base + "/console/applications");
		admin.screenshot("console-01-applications");

		// Select "New application", fill it in with SMS verification on.
		admin.driver().findElement(By.linkText("New application")).click();
		admin.waitForText("Redirect URIs");
		admin.type("Name", "Console journey shop");
		admin.type("Redirect URIs", "http://localhost:" + demoPort + "/login/oauth2/code/smsauth");
		admin.type("Post-logout redirect URIs", "http://localhost:" + demoPort + "/");
		admin.type("Scopes", "openid profile email phone offline_access");
		admin.screenshot("console-02-new-application");
		admin.press("Create application");
		admin.waitForText("Copy the client secret now");
		String clientId = admin.driver().findElement(By.cssSelector("[data-testid=client-id]")).getText();
		String clientSecret = admin.driver().findElement(By.cssSelector("[data-testid=client-secret]")).getText();
		assertThat(clientSecret).hasSizeGreaterThanOrEqualTo(43);
		admin.driver().findElement(By.linkText("Continue to the application")).click();
		admin.driver().findElement(By.linkText("MFA")).click();
		admin.waitForText("Multi-factor authentication");
		assertThat(admin.field("SMS verification code").isSelected()).isTrue();
		admin.screenshot("console-03-application-mfa-tab");

		// Create a user for SMS login.
		admin.driver().findElement(By.linkText("Users")).click();
		admin.driver().findElement(By.linkText("New user")).click();
		admin.type("Username", "li.lei");
		admin.type("Phone number", "+86 139 0013 9000");
		admin.type("Display name", "Li Lei");
		admin.type("Initial password", "li-lei-password-1");
		admin.press("Create user");
		admin.waitForText("User li.lei created.");
		admin.screenshot("console-04-user");

		// The user signs in through the demo app with phone number, password and SMS code.
		demo = DemoClientProcess.startOnPort(base, clientId, clientSecret, demoPort,
				Path.of(System.getProperty("screenshotDir", "target/screenshots")).getParent()
					.resolve("demo-client-console-journey.log"));
		user.open(demo.base() + "/");
		user.press("Log in");
		user.waitForSignInPage(base);
		user.type("Phone number, email or username", "+86 139 0013 9000");
		user.type("Password", "li-lei-password-1");
		user.press("Sign in");
		user.waitForUrlStartingWith(base + "/mfa/sms");
		assertThat(user.text()).contains("+86 ••• ••• 9000");
		user.press("Send code");
		user.waitForText("Verification code");
		user.type("Verification code", outbox.latestCode(USER_PHONE));
		user.press("Verify");
		user.waitForText("SMS verified");

		// The administrator turns SMS verification off on the MFA tab.
		admin.open(base + "/console/applications/" + clientId + "?tab=mfa");
		admin.field("SMS verification code").click();
		admin.press("Save");
		admin.waitForText("SMS verification code is now off");

		// The user signs in again: no SMS step.
		user.open(demo.base() + "/");
		user.press("Log out");
		user.waitForText("Log in");
		user.press("Log in");
		user.waitForSignInPage(base);
		user.type("Phone number, email or username", "li.lei");
		user.type("Password", "li-lei-password-1");
		user.press("Sign in");
		user.waitForUrlStartingWith(demo.base() + "/");
		user.waitForText("Password only");

		// The audit shows all of it.
		admin.open(base + "/console/audit");
		admin.waitForText("APPLICATION_CREATED");
		String audit = admin.text();
		assertThat(audit).contains("APPLICATION_CREATED", "USER_CREATED", "SIGN_IN_PASSWORD_ACCEPTED", "SMS_SENT",
				"SMS_VERIFIED", "APPLICATION_MFA_CHANGED", "sms: off");
		admin.screenshot("console-05-audit");

		// The console at a phone's width: navigation and tables stay usable.
		admin.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
		admin.open(base + "/console/users");
		assertThat(admin.text()).contains("li.lei");
		admin.screenshot("console-06-users-phone-width");
	}

}
