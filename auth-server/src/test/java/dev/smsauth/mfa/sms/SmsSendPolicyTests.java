package dev.smsauth.mfa.sms;

import java.time.Duration;
import java.util.Map;

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
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMS pumping defences (../shared/SECURITY.md SMS 9, 10): an allow-list of calling codes and hourly
 * budgets per number, per IP, per calling code and in total. When one says no the provider is not
 * called (the outbox stays empty) and the page says so.
 */
@AuthServerTest
@TestPropertySource(properties = { "auth.sms.abuse.allowed-calling-codes=1,44",
		"auth.sms.abuse.max-per-number-per-hour=2", "auth.sms.abuse.max-per-ip-per-hour=1000",
		"auth.sms.abuse.max-per-calling-code-per-hour=1000", "auth.sms.abuse.max-global-per-hour=1000" })
class SmsSendPolicyTests {

	static final String REDIRECT = "https://rp.example.com/cb";

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	SmsSendPolicy policy;

	@Autowired
	dev.smsauth.limits.RateLimiter limiter;

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	ManagementClient api;

	String clientId;

	@BeforeEach
	void setUp() {
		// Budgets are shared by the whole server: each test starts with none used.
		dev.smsauth.support.Budgets.resetAll(org.springframework.jdbc.core.simple.JdbcClient.create(jdbc));
		clock.reset();
		clock.advance(Duration.ofDays(60));
		api = new ManagementClient("http://localhost:" + port);
		if (clientId == null) {
			JsonNode app = api.createApplication("{\"name\":\"Pumping target\",\"redirectUris\":[\"" + REDIRECT
					+ "\"],\"scopes\":[\"openid\"],\"mfa\":{\"sms\":true}}");
			clientId = app.get("clientId").asString();
		}
	}

	@Test
	void whenEnrollingANumberOutsideTheAllowListThenRefusedAndNothingSent() {
		api.createUser("enroll-ru", null, "enroll-password-1");
		TestBrowser browser = signedIn("enroll-ru", "enroll-password-1");
		TestBrowser.Page sms = browser.get("/mfa/sms");
		assertThat(browser.submit(sms, "/mfa/sms/send", Map.of("phoneNumber", "+7 912 345 67 89")).alerts()).contains("We can not send SMS to numbers in this country");
		assertThat(api.outbox("+79123456789")).isEmpty();
	}

	@Test
	void whenOneNumberGetsTooManyCodesThenTheNextIsRefusedWithoutCallingTheProvider() {
		api.createUser("pumped", "+447700900777", "pumped-password-1");
		TestBrowser browser = signedIn("pumped", "pumped-password-1");
		SignInFlow flow = new SignInFlow(browser, clientId, REDIRECT);
		flow.sendCode();
		clock.advance(Duration.ofSeconds(61));
		flow.sendCode();
		clock.advance(Duration.ofSeconds(61));
		assertThat(flow.sendCode().alerts()).contains("Too many codes were requested");
		assertThat(api.outbox("+447700900777")).hasSize(2);
	}

	@Test
	void whenAnIpACallingCodeOrTheServerIsOverBudgetThenRefused() {
		org.springframework.jdbc.core.simple.JdbcClient client = org.springframework.jdbc.core.simple.JdbcClient.create(jdbc);
		assertThat(policy.reserve("user-a", 10, "+14155550800").refusal()).isEmpty();
		dev.smsauth.support.Budgets.spend(client, "sms:cc:44", 1000, clock.instant());
		assertThat(policy.reserve("user-b", 10, "+447700900800").refusal()).contains(SmsSendPolicy.Refusal.BUDGET_EXHAUSTED);
		assertThat(policy.reserve("user-c", 10, "+14155550801").refusal()).as("other calling codes unaffected").isEmpty();
		dev.smsauth.support.Budgets.spend(client, "sms:global", 1000, clock.instant());
		assertThat(policy.reserve("user-d", 10, "+14155550802").refusal()).contains(SmsSendPolicy.Refusal.BUDGET_EXHAUSTED);
		// The calling-code and global budgets are counted in minutes, conservatively: a spent minute
		// is summed until the hour after it has passed, so free at most one minute after the hour.
		clock.advance(Duration.ofHours(1).plusMinutes(1));
		assertThat(policy.reserve("user-e", 10, "+14155550803").refusal()).as("budgets are hourly").isEmpty();
	}

	@Test
	void whenTheAccountsOwnLimitIsReachedThenThatIsTheReasonGiven() {
		for (int i = 0; i < 3; i++) {
			assertThat(policy.reserve("user-own", 3, "+1415555090" + i).refusal()).isEmpty();
		}
		assertThat(policy.reserve("user-own", 3, "+14155550909").refusal()).contains(SmsSendPolicy.Refusal.ACCOUNT_LIMIT);
	}

	private TestBrowser signedIn(String username, String password) {
		TestBrowser browser = new TestBrowser("http://localhost:" + port);
		SignInFlow flow = new SignInFlow(browser, clientId, REDIRECT);
		flow.authorize("openid", Map.of());
		browser.next(flow.signIn(username, password));
		return browser;
	}

}
