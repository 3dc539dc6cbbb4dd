package dev.smsauth.sms.budget;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.smsauth.limits.RateLimiterContract;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.MutableClock;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's monthly SMS budget over real HTTP: set and validated through the management
 * API, taken before the provider is called, refused with a clear page, an audit event and a metric
 * when spent, exact under 50 parallel sends, raised by a PATCH, and renewed with the calendar month.
 */
@AuthServerTest
class SmsMonthlyBudgetTests {

	static final String REDIRECT = "https://budget.example.com/cb";

	static final String SPENT = "This application has used its SMS allowance for this month. "
			+ "Contact its administrator or use another way to sign in.";

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry registry;

	String base;

	ManagementClient api;

	@BeforeEach
	void setUp() {
		clock.reset();
		base = "http://localhost:" + port;
		api = new ManagementClient(base);
	}

	@Test
	void whenBudgetGivenThenApiShowsItAndBadValuesAreRefusedNamingTheField() {
		JsonNode none = api.createApplication(app("No budget", null));
		assertThat(none.has("smsMonthlyBudget")).isTrue();
		assertThat(none.get("smsMonthlyBudget").isNull()).isTrue();
		JsonNode some = api.createApplication(app("Some budget", "250"));
		assertThat(some.get("smsMonthlyBudget").asInt()).isEqualTo(250);
		for (String bad : List.of("-1", "10000001", "1.5", "\"many\"", "true")) {
			ManagementClient.Response created = api.call("POST", "/api/v1/applications", app("Bad", bad));
			assertThat(created.status()).as(bad).isEqualTo(400);
			assertThat(created.body()).as(bad).contains("\"smsMonthlyBudget\"");
			ManagementClient.Response patched = api.call("PATCH", "/api/v1/applications/" + some.get("clientId").asString(),
					"{\"smsMonthlyBudget\":" + bad + "}");
			assertThat(patched.status()).as(bad).isEqualTo(400);
			assertThat(patched.body()).as(bad).contains("\"smsMonthlyBudget\"");
		}
		String id = some.get("clientId").asString();
		assertThat(api.call("PATCH", "/api/v1/applications/" + id, "{\"smsMonthlyBudget\":10000000}").json()
			.get("smsMonthlyBudget").asInt()).isEqualTo(10_000_000);
		assertThat(api.call("PATCH", "/api/v1/applications/" + id, "{\"smsMonthlyBudget\":null}").json()
			.get("smsMonthlyBudget").isNull()).isTrue();
		assertThat(api.call("GET", "/api/v1/applications/" + id, null).json().get("smsMonthlyBudget").isNull()).isTrue();
		assertThat(api.call("GET", "/api/v1/audit-events?clientId=" + id + "&event=APPLICATION_UPDATED", null).body())
			.contains("changed: smsMonthlyBudget");
	}

	@Test
	void whenBudgetOfThreeIsSpentThenFourthSendIsRefusedWithItsPageAuditAndMetricUntilPatchedUp() {
		String clientId = api.createApplication(app("Three a month", "3")).get("clientId").asString();
		api.createUser("budget-three", "+14155550601", "budget-three-password");
		SignInFlow flow = signedIn(clientId, "budget-three", "budget-three-password");
		for (int i = 1; i <= 3; i++) {
			assertThat(flow.sendCode().alerts()).as("send %d", i).isEqualTo("We sent a code by SMS.");
			clock.advance(Duration.ofMinutes(2));
		}
		assertThat(flow.sendCode().alerts()).isEqualTo(SPENT);
		assertThat(api.outbox("+14155550601")).hasSize(3);
		assertThat(used(clientId)).isEqualTo(3);
		assertThat(api.call("GET", "/api/v1/audit-events?clientId=" + clientId + "&event=SMS_SEND_FAILED", null).json()
			.get("items").get(0).get("details").asString()).isEqualTo("not sent: monthly budget");
		assertThat(registry.get("smsauth.sms.budget.exhausted").tag("client_id", clientId).counter().count()).isEqualTo(1);
		assertThat(registry.get("smsauth.sms.budget.used").tag("client_id", clientId).gauge().value()).isEqualTo(3);
		assertThat(registry.get("smsauth.sms.budget.limit").tag("client_id", clientId).gauge().value()).isEqualTo(3);
		String scrape = api.call("GET", "/actuator/prometheus", null).body();
		assertThat(scrape).contains("smsauth_sms_budget_exhausted_total{client_id=\"" + clientId + "\"} 1.0")
			.contains("smsauth_sms_budget_used{client_id=\"" + clientId + "\"} 3.0")
			.contains("smsauth_sms_messages_total{calling_code=\"1\",provider=\"outbox\",status=\"submitted\"}");

		assertThat(api.call("PATCH", "/api/v1/applications/" + clientId, "{\"smsMonthlyBudget\":4}").status())
			.isEqualTo(200);
		assertThat(flow.sendCode().alerts()).isEqualTo("We sent a code by SMS.");
		clock.advance(Duration.ofMinutes(2));
		assertThat(flow.sendCode().alerts()).isEqualTo(SPENT);
		assertThat(api.outbox("+14155550601")).hasSize(4);
		assertThat(used(clientId)).isEqualTo(4);
	}

	@Test
	void whenBudgetIsZeroThenNoSmsAtAllButAnotherApplicationStillSends() {
		String closed = api.createApplication(app("Zero a month", "0")).get("clientId").asString();
		String open = api.createApplication(app("Open", null)).get("clientId").asString();
		api.createUser("budget-zero", "+14155550602", "budget-zero-password");
		SignInFlow refused = signedIn(closed, "budget-zero", "budget-zero-password");
		assertThat(refused.sendCode().alerts()).isEqualTo(SPENT);
		SignInFlow other = signedIn(open, "budget-zero", "budget-zero-password");
		assertThat(other.sendCode().alerts()).isEqualTo("We sent a code by SMS.");
		assertThat(api.outbox("+14155550602")).hasSize(1);
	}

	@Test
	void whenFiftyUsersOfOneApplicationPressSendAtOnceThenExactlyTheBudgetOfTenGoesOut() throws Exception {
		String clientId = api.createApplication(app("Ten a month", "10")).get("clientId").asString();
		List<SignInFlow> flows = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			String phone = "+1415555" + (1000 + i);
			api.createUser("budget-many-" + i, phone, "budget-many-password");
			flows.add(signedIn(clientId, "budget-many-" + i, "budget-many-password"));
		}
		int[] next = { 0 };
		List<TestBrowser.Page> answers = RateLimiterContract.fireAtOnce(50, () -> {
			SignInFlow flow;
			synchronized (next) {
				flow = flows.get(next[0]++);
			}
			return flow.sendCode();
		});
		assertThat(answers).extracting(TestBrowser.Page::status).containsOnly(200);
		long sent = 0;
		for (int i = 0; i < 50; i++) {
			sent += api.outbox("+1415555" + (1000 + i)).size();
		}
		assertThat(sent).isEqualTo(10);
		assertThat(used(clientId)).isEqualTo(10);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_message WHERE client_id = ?", Integer.class, clientId))
			.isEqualTo(10);
		long refused = answers.stream().filter(answer -> answer.alerts().equals(SPENT)).count();
		assertThat(refused).isEqualTo(40);
	}

	@Test
	void whenTheCalendarMonthChangesThenTheBudgetStartsAgain() {
		String clientId = api.createApplication(app("One a month", "1")).get("clientId").asString();
		api.createUser("budget-month", "+14155550603", "budget-month-password");
		SignInFlow flow = signedIn(clientId, "budget-month", "budget-month-password");
		flow.sendCode();
		clock.advance(Duration.ofMinutes(2));
		assertThat(flow.sendCode().alerts()).isEqualTo(SPENT);

		Instant nextMonth = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1)
			.atStartOfDay(ZoneOffset.UTC).toInstant();
		clock.advance(Duration.between(clock.instant(), nextMonth).plusMinutes(1));
		SignInFlow nextMonthFlow = signedIn(clientId, "budget-month", "budget-month-password");
		assertThat(nextMonthFlow.sendCode().alerts()).isEqualTo("We sent a code by SMS.");
		assertThat(api.outbox("+14155550603")).hasSize(2);
		assertThat(jdbc.queryForList("SELECT used FROM sms_monthly_usage WHERE client_id = ? ORDER BY month_start",
				Integer.class, clientId)).containsExactly(1, 1);
	}

	private int used(String clientId) {
		return jdbc.queryForObject("SELECT SUM(used) FROM sms_monthly_usage WHERE client_id = ?", Integer.class, clientId);
	}

	private SignInFlow signedIn(String clientId, String username, String password) {
		TestBrowser browser = new TestBrowser(base);
		SignInFlow flow = new SignInFlow(browser, clientId, REDIRECT);
		flow.authorize("openid", Map.of());
		assertThat(flow.signIn(username, password).location()).startsWith(base + "/mfa/sms");
		return flow;
	}

	static String app(String name, String budget) {
		return "{\"name\":\"" + name + "\",\"redirectUris\":[\"" + REDIRECT + "\"],\"scopes\":[\"openid\"],"
				+ "\"mfa\":{\"sms\":true}" + (budget == null ? "" : ",\"smsMonthlyBudget\":" + budget) + "}";
	}

}
