package dev.smsauth.console;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.smsauth.client.ApplicationService;
import dev.smsauth.client.NewApplication;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.MutableClock;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's overview and the application's MFA tab over real HTTP, on known rows: the SVG
 * charts have one bar per day and series, their tooltips carry the numbers, the tables and totals
 * match, the application filter and the range work, and the page stays under the strict CSP (no
 * script, no inline style).
 */
@AuthServerTest
class OverviewConsoleTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	String base;

	ManagementClient api;

	@BeforeEach
	void setUp() {
		clock.reset();
		base = "http://localhost:" + port;
		api = new ManagementClient(base);
	}

	@Test
	void overviewDrawsOneBarPerDayAndSeriesWithTheNumbersAndFiltersByApplication() {
		String clientId = knownTraffic("Chart shop", 250);
		TestBrowser admin = administrator("overview-admin", "+14155550801");

		TestBrowser.Page page = admin.get("/console/overview?days=7&clientId=" + clientId);
		assertThat(page.status()).isEqualTo(200);
		String body = page.body();
		assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("style-src 'self'")
			.doesNotContain("unsafe-inline");
		assertThat(body).doesNotContain("<script").doesNotContain("style=");
		assertThat(body).contains("<option value=\"" + clientId + "\" selected=\"selected\">Chart shop</option>")
			.contains("<option value=\"7\" selected=\"selected\">Last 7 days</option>");
		assertThat(page.find("data-testid=\"kpi-sign-ins\">([^<]+)<")).isEqualTo("3");
		assertThat(page.find("data-testid=\"kpi-sent\">([^<]+)<")).isEqualTo("4");
		assertThat(page.find("data-testid=\"kpi-delivery-rate\">([^<]+)<")).isEqualTo("50 %");
		assertThat(page.find("data-testid=\"kpi-verification-rate\">([^<]+)<")).isEqualTo("25 %");
		assertThat(page.find("data-testid=\"kpi-cost\">([^<]+)<")).isEqualTo("EUR 0.1");

		String signIns = chart(body, "chart-sign-ins");
		assertThat(signIns).contains("role=\"img\"").contains("aria-label=\"Sign-ins per day: 3 in 7 days\"");
		assertThat(count(signIns, "<rect class=\"bar s-signins\"")).isEqualTo(7);
		assertThat(signIns).contains("<title>" + label(1) + " · Sign-ins: 2</title>")
			.contains("<title>" + label(3) + " · Sign-ins: 1</title>");
		String sms = chart(body, "chart-sms");
		assertThat(count(sms, "<rect class=\"bar s-delivered\"")).isEqualTo(7);
		assertThat(count(sms, "<rect class=\"bar s-awaiting\"")).isEqualTo(7);
		assertThat(count(sms, "<rect class=\"bar s-failed\"")).isEqualTo(7);
		assertThat(sms).contains("<title>" + label(1) + " · Delivered: 2</title>")
			.contains("<title>" + label(1) + " · Failed: 1</title>")
			.contains("<title>" + label(3) + " · Awaiting receipt: 1</title>");
		String providers = chart(body, "chart-providers");
		assertThat(count(providers, "<rect class=\"bar s-delivered\"")).isEqualTo(2);
		assertThat(providers).contains("<title>outbox · Delivered: 0%</title>")
			.contains("<title>vonage · Delivered: 66.7%</title>");
		assertThat(chart(body, "chart-verification")).contains("<title>" + label(3) + " · Codes verified of SMS sent: 100%</title>");
		assertThat(body.replaceAll(">\\s+<", "><")).contains("<th scope=\"row\">+44</th><td>3</td><td>2</td><td>1</td><td>66.7 %</td><td>0 %</td><td>EUR 0.1</td>");

		// Every application: the administrator's own console sign-in (no application) counts too.
		TestBrowser.Page all = admin.get("/console/overview?days=90");
		assertThat(count(chart(all.body(), "chart-sign-ins"), "<rect class=\"bar s-signins\"")).isEqualTo(90);
		assertThat(Integer.parseInt(all.find("data-testid=\"kpi-sent\">([^<]+)<"))).isGreaterThanOrEqualTo(5);
		// An unknown application or range shows everything over 30 days instead of failing.
		TestBrowser.Page odd = admin.get("/console/overview?days=12&clientId=%3Cscript%3E");
		assertThat(odd.status()).isEqualTo(200);
		assertThat(count(chart(odd.body(), "chart-sign-ins"), "<rect class=\"bar s-signins\"")).isEqualTo(30);
		assertThat(odd.body()).doesNotContain("<script");
	}

	@Test
	void whenThereAreMoreApplicationsThanTheSelectListsThenTheChosenOneStillFiltersAndIsSelected() {
		for (int i = 0; i < OverviewConsoleController.MAX_LISTED + 1; i++) {
			applications.create(new NewApplication("Filler " + i, List.of("https://filler.example/cb"), List.of(),
					List.of("openid"), List.of("authorization_code"), false, false, true, new NewApplication.Mfa(false)));
		}
		clock.advance(Duration.ofSeconds(1));
		String clientId = knownTraffic("Far shop", null);
		TestBrowser admin = administrator("far-admin", "+14155550803");

		TestBrowser.Page page = admin.get("/console/overview?days=7&clientId=" + clientId);

		assertThat(page.body()).contains("<option value=\"" + clientId + "\" selected=\"selected\">Far shop</option>");
		assertThat(page.find("data-testid=\"kpi-sent\">([^<]+)<")).as("this application's messages only").isEqualTo("4");
	}

	@Autowired
	ApplicationService applications;

	@Test
	void theMfaTabShowsTheApplicationsOwnNumbersAndItsMonthlyBudget() {
		String clientId = knownTraffic("Tab shop", 250);
		jdbc.update("INSERT INTO sms_monthly_usage (client_id, month_start, used) VALUES (?, ?, 4)", clientId,
				LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).withDayOfMonth(1));
		TestBrowser admin = administrator("tab-admin", "+14155550802");
		TestBrowser.Page tab = admin.get("/console/applications/" + clientId + "?tab=mfa");
		assertThat(tab.status()).isEqualTo(200);
		// The last 30 days: the message of eight days ago counts here.
		assertThat(tab.find("data-testid=\"app-sms-sent\">([^<]+)<")).isEqualTo("5");
		assertThat(tab.find("data-testid=\"app-sms-delivery-rate\">([^<]+)<")).isEqualTo("60 %");
		assertThat(tab.find("data-testid=\"app-sms-verification-rate\">([^<]+)<")).isEqualTo("20 %");
		assertThat(tab.find("data-testid=\"app-sms-cost\">([^<]+)<")).isEqualTo("EUR 0.1");
		assertThat(tab.find("data-testid=\"app-sms-budget\">([^<]+)<")).isEqualTo("4 of 250");
		assertThat(admin.get("/console/applications/" + knownTraffic("No budget shop", null) + "?tab=mfa")
			.find("data-testid=\"app-sms-budget\">([^<]+)<")).isEqualTo("0 (no budget)");
	}

	/**
	 * Yesterday: two sign-ins; Vonage +44 delivered twice (EUR 0.03 and 0.04), failed once (EUR
	 * 0.03). Three days ago: one sign-in; the outbox +1 submitted once, its code verified. Eight days
	 * ago (outside 7 days): one more sign-in and message.
	 */
	private String knownTraffic(String name, Integer budget) {
		String clientId = api.createApplication("{\"name\":\"" + name + "\",\"redirectUris\":[\"https://chart.example.com/cb\"],"
				+ "\"scopes\":[\"openid\"]" + (budget == null ? "" : ",\"smsMonthlyBudget\":" + budget) + "}")
			.get("clientId").asString();
		Instant now = clock.instant();
		message(clientId, "vonage", "44", "delivered", "0.03", "EUR", false, daysAgo(now, 1));
		message(clientId, "vonage", "44", "delivered", "0.04", "EUR", false, daysAgo(now, 1));
		message(clientId, "vonage", "44", "failed", "0.03", "EUR", false, daysAgo(now, 1));
		message(clientId, "outbox", "1", "submitted", null, null, true, daysAgo(now, 3));
		message(clientId, "outbox", "1", "delivered", null, null, false, daysAgo(now, 8));
		signIn(clientId, daysAgo(now, 1));
		signIn(clientId, daysAgo(now, 1));
		signIn(clientId, daysAgo(now, 3));
		signIn(clientId, daysAgo(now, 8));
		return clientId;
	}

	private static Instant daysAgo(Instant now, int days) {
		return LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(days).atTime(12, 0).toInstant(ZoneOffset.UTC);
	}

	private String label(int daysAgo) {
		LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(daysAgo);
		return String.format("%02d-%02d", day.getMonthValue(), day.getDayOfMonth());
	}

	private void message(String clientId, String provider, String callingCode, String status, String price,
			String currency, boolean verified, Instant at) {
		jdbc.update("INSERT INTO sms_message (id, purpose, client_id, provider, calling_code, to_masked, parts, price, "
				+ "currency, status, verified, created_at, status_at) VALUES (?, 'code', ?, ?, ?, '+** *** 01', 1, ?, ?, ?, ?, ?, ?)",
				UUID.randomUUID().toString(), clientId, provider, callingCode,
				price == null ? null : new java.math.BigDecimal(price), currency, status, verified, Timestamp.from(at),
				Timestamp.from(at));
	}

	private void signIn(String clientId, Instant at) {
		jdbc.update("INSERT INTO audit_event (occurred_at, event, actor_type, client_id) VALUES (?, "
				+ "'SIGN_IN_PASSWORD_ACCEPTED', 'USER', ?)", Timestamp.from(at), clientId);
	}

	private static String chart(String body, String testId) {
		Matcher m = Pattern.compile("data-testid=\"" + testId + "\"><svg (.*?)</svg>", Pattern.DOTALL).matcher(body);
		assertThat(m.find()).as(testId).isTrue();
		return m.group(1);
	}

	private static int count(String text, String needle) {
		int count = 0;
		for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
			count++;
		}
		return count;
	}

	private TestBrowser administrator(String username, String phone) {
		assertThat(api.call("POST", "/api/v1/users", "{\"username\":\"" + username + "\",\"password\":\"" + username
				+ "-password\",\"phoneNumber\":\"" + phone + "\",\"admin\":true}").status()).isEqualTo(201);
		TestBrowser browser = new TestBrowser(base);
		browser.get("/console");
		browser.submit(browser.get("/login"), "/login", Map.of("username", username, "password", username + "-password"));
		browser.submit(browser.get("/mfa/sms"), "/mfa/sms/send", Map.of());
		browser.submit(browser.get("/mfa/sms"), "/mfa/sms/verify", Map.of("code", api.latestCode(phone)));
		return browser;
	}

}
