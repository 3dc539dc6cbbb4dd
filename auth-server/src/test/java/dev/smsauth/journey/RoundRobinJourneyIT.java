package dev.smsauth.journey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.smsauth.mysql.MariaDb;
import dev.smsauth.mysql.Node;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.RoundRobinProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The story in a real browser the way production serves it: two {@code mysql}-profile nodes on
 * MariaDB behind a round robin that alternates every request, the issuer being the balancer's
 * address, and the real demo relying party. The ID token the demo app shows has {@code auth_time}
 * and {@code sid} whichever node exchanged the code, and logging out through the demo app ends the
 * session on both nodes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoundRobinJourneyIT {

	static final String PHONE = "+447700900456";

	static final String PASSWORD = "round-robin-journey-1";

	String database;

	Node node1;

	Node node2;

	RoundRobinProxy proxy;

	ManagementClient admin;

	DemoClientProcess demo;

	Chromium browser;

	@BeforeAll
	void start() throws Exception {
		assumeTrue(Chromium.isInstalled() || System.getenv("CI") != null,
				"Debian chromium and chromium-driver are not installed");
		database = MariaDb.freshDatabase();
		int proxyPort = DemoClientProcess.freePort();
		String issuer = "http://localhost:" + proxyPort;
		node1 = Node.start(database, 0, "--auth.issuer=" + issuer);
		node2 = Node.start(database, 0, "--auth.issuer=" + issuer);
		proxy = RoundRobinProxy.start(List.of(node1.base(), node2.base()), proxyPort);
		admin = new ManagementClient(issuer, "management-cli", Node.MANAGEMENT_SECRET);
		int demoPort = DemoClientProcess.freePort();
		JsonNode app = admin.createApplication("{\"name\":\"Round robin journey\",\"redirectUris\":[\"http://localhost:"
				+ demoPort + "/login/oauth2/code/smsauth\"],\"postLogoutRedirectUris\":[\"http://localhost:" + demoPort
				+ "/\"],\"scopes\":[\"openid\",\"profile\",\"email\",\"phone\",\"offline_access\"],\"mfa\":{\"sms\":true}}");
		Path target = Path.of(System.getProperty("screenshotDir", "target/screenshots")).getParent();
		Files.createDirectories(target);
		demo = DemoClientProcess.startOnPort(issuer, app.get("clientId").asString(), app.get("clientSecret").asString(),
				demoPort, target.resolve("demo-client-round-robin-journey.log"));
		browser = new Chromium(Path.of(System.getProperty("screenshotDir", "target/screenshots")));
		admin.createUser("round-robin", PHONE, PASSWORD);
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.close();
		}
		if (demo != null) {
			demo.close();
		}
		if (proxy != null) {
			proxy.close();
		}
		if (node1 != null) {
			node1.close();
		}
		if (node2 != null) {
			node2.close();
		}
		if (database != null) {
			MariaDb.drop(database);
		}
	}

	@Test
	void smsSignInThroughTheRoundRobinThenAuthTimeAndSidInTheDemoAppThenLogoutEndsTheSessionOnBothNodes() throws Exception {
		browser.open(demo.base() + "/");
		browser.press("Log in");
		browser.waitForSignInPage(proxy.base());
		browser.type("Phone number, email or username", "+44 7700 900456");
		browser.type("Password", PASSWORD);
		browser.press("Sign in");
		browser.waitForUrlStartingWith(proxy.base() + "/mfa/sms");
		assertThat(browser.text()).contains("+44 ••• ••• 0456");
		browser.press("Send code");
		browser.waitForText("Verification code");
		browser.type("Verification code", admin.latestCode(PHONE));
		browser.press("Verify");
		browser.waitForUrlStartingWith(demo.base() + "/");
		browser.waitForText("SMS verified");
		browser.open(demo.base() + "/profile");
		assertThat(claim("amr")).contains("pwd").contains("sms").contains("mfa");
		assertThat(claim("auth_time")).isNotBlank();
		assertThat(claim("sid")).isNotBlank();
		browser.screenshot("round-robin-01-demo-app");

		browser.open(demo.base() + "/");
		browser.press("Log out");
		browser.waitForUrlStartingWith(demo.base() + "/");
		browser.waitForText("Log in");
		// Whichever node answers now, the session is gone: the sign-in page, not a code.
		for (int i = 0; i < 2; i++) {
			browser.open(demo.base() + "/");
			browser.press("Log in");
			browser.waitForSignInPage(proxy.base());
		}
		assertThat(proxy.served()).hasSize(2).allSatisfy((node, count) -> assertThat(count).isGreaterThan(5));
	}

	/** The value the demo app shows for an ID-token claim; empty when the claim is missing. */
	private String claim(String name) {
		return browser.driver()
			.findElements(By.xpath("//tr[th//code[normalize-space()='" + name + "']]//span[@class='claim-value']"))
			.stream()
			.map(element -> element.getText())
			.findFirst()
			.orElse("");
	}

}
