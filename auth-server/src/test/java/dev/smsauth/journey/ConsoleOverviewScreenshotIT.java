package dev.smsauth.journey;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console's overview and an application's MFA tab in Chromium, after 30 days of made-up
 * traffic (two providers, three countries, receipts and prices): the charts render under the
 * strict CSP, and the screenshots for the README land in {@code screenshotDir}
 * (target/screenshots; copied to docs/screenshots by hand).
 */
@AuthServerTest
class ConsoleOverviewScreenshotIT {

	static final String ADMIN_PHONE = "+15555550177";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void overviewAndMfaTabShowChartsAndNumbers() throws Exception {
		assumeTrue(Chromium.isInstalled() || System.getenv("CI") != null,
				"Debian chromium and chromium-driver are not installed");
		String base = "http://localhost:" + port;
		ManagementClient api = new ManagementClient(base);
		String shop = api.createApplication("{\"name\":\"Web shop\",\"redirectUris\":[\"https://shop.example.com/cb\"],"
				+ "\"scopes\":[\"openid\"],\"mfa\":{\"sms\":true},\"smsMonthlyBudget\":5000}").get("clientId").asString();
		String bank = api.createApplication("{\"name\":\"Bank app\",\"redirectUris\":[\"https://bank.example.com/cb\"],"
				+ "\"scopes\":[\"openid\"],\"mfa\":{\"sms\":true}}").get("clientId").asString();
		traffic(shop, 1);
		traffic(bank, 2);
		jdbc.update("INSERT INTO sms_monthly_usage (client_id, month_start, used) VALUES (?, ?, 1234)", shop,
				LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1));
		api.call("POST", "/api/v1/users", "{\"username\":\"shot-admin\",\"password\":\"shot-admin-password\","
				+ "\"phoneNumber\":\"" + ADMIN_PHONE + "\",\"admin\":true}");

		try (Chromium admin = new Chromium(Path.of(System.getProperty("screenshotDir", "target/screenshots")))) {
			admin.open(base + "/console");
			admin.waitForSignInPage(base);
			admin.type("Phone number, email or username", "shot-admin");
			admin.type("Password", "shot-admin-password");
			admin.press("Sign in");
			admin.waitForUrlStartingWith(base + "/mfa/sms");
			admin.press("Send code");
			admin.waitForText("We sent a code");
			admin.type("Verification code", api.latestCode(ADMIN_PHONE));
			admin.press("Verify");
			admin.waitForUrlStartingWith(base + "/console");

			admin.driver().manage().window().setSize(new Dimension(1280, 2150));
			admin.open(base + "/console/overview?days=30");
			admin.waitForText("Delivery rate per provider");
			assertThat(admin.driver().findElements(org.openqa.selenium.By.cssSelector("svg.chart rect.bar"))).isNotEmpty();
			admin.screenshot("console-overview");

			admin.driver().manage().window().setSize(new Dimension(1280, 1250));
			admin.open(base + "/console/applications/" + shop + "?tab=mfa");
			admin.waitForText("SMS in the last 30 days");
			assertThat(admin.text()).contains("1234 of 5000");
			admin.screenshot("console-mfa-tab");
		}
	}

	/** 30 days of sign-ins and messages: +44 and +49 through Vonage with prices, +1 through the outbox. */
	private void traffic(String clientId, int seed) {
		Random random = new Random(seed);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		for (int back = 29; back >= 0; back--) {
			Instant noon = today.minusDays(back).atTime(12, 0).toInstant(ZoneOffset.UTC);
			int signIns = 20 + random.nextInt(25) + (back % 7 < 2 ? -12 : 0);
			for (int i = 0; i < signIns; i++) {
				jdbc.update("INSERT INTO audit_event (occurred_at, event, actor_type, client_id) VALUES (?, "
						+ "'SIGN_IN_PASSWORD_ACCEPTED', 'USER', ?)", Timestamp.from(noon.plusSeconds(i)), clientId);
			}
			for (int i = 0; i < signIns * 3 / 4; i++) {
				int kind = random.nextInt(100);
				String provider = kind < 45 ? "vonage" : kind < 80 ? "twilio" : "outbox";
				String callingCode = kind < 45 ? "44" : kind < 80 ? "49" : "1";
				int outcome = random.nextInt(100);
				String status = back == 0 && outcome < 40 ? "submitted" : outcome < (callingCode.equals("49") ? 78 : 92)
						? "delivered" : outcome < 96 ? "failed" : "rejected";
				boolean verified = status.equals("delivered") && random.nextInt(100) < 88;
				BigDecimal price = provider.equals("outbox") || status.equals("rejected") ? null
						: new BigDecimal(callingCode.equals("44") ? "0.0333" : "0.0741");
				jdbc.update("INSERT INTO sms_message (id, purpose, client_id, provider, calling_code, to_masked, parts, "
						+ "price, currency, status, verified, created_at, status_at) VALUES (?, 'code', ?, ?, ?, "
						+ "'+** *** 01', 1, ?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(), clientId, provider,
						callingCode, price, price == null ? null : "EUR", status, verified,
						Timestamp.from(noon.plusSeconds(i)), Timestamp.from(noon.plusSeconds(i)));
			}
		}
	}

}
