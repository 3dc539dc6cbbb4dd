package dev.smsauth.mysql;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.smsauth.limits.RateLimiterContract;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monthly SMS budget and the statistics on the real MariaDB in the production profile: 50
 * users of one application pressing "Send code" at once against a budget of 10 send exactly 10
 * (the conditional UPDATE on InnoDB's row lock), the statistics count them, and the UTC-day
 * grouping (MariaDB's own SQL) puts messages either side of midnight on their own days.
 */
class MysqlSmsBudgetAndStatsTests {

	static final String REDIRECT = "https://budget.cluster.test/cb";

	static String url;

	static Node node;

	@BeforeAll
	static void start() {
		url = MariaDb.freshDatabase();
		node = Node.start(url, 0);
	}

	@AfterAll
	static void stop() {
		if (node != null) {
			node.close();
		}
		MariaDb.drop(url);
	}

	@Test
	void fiftyParallelSendsAgainstABudgetOfTenSendTenAndTheStatisticsCountThem() throws Exception {
		ManagementClient api = new ManagementClient(node.base(), "management-cli", Node.MANAGEMENT_SECRET);
		String clientId = api.createApplication("{\"name\":\"Budget on MariaDB\",\"redirectUris\":[\"" + REDIRECT
				+ "\"],\"scopes\":[\"openid\"],\"mfa\":{\"sms\":true},\"smsMonthlyBudget\":10}").get("clientId").asString();
		List<SignInFlow> flows = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			api.createUser("maria-budget-" + i, "+1415555" + (2000 + i), "maria-budget-password");
			TestBrowser browser = new TestBrowser(node.base());
			SignInFlow flow = new SignInFlow(browser, clientId, REDIRECT);
			flow.authorize("openid", Map.of());
			assertThat(flow.signIn("maria-budget-" + i, "maria-budget-password").location())
				.startsWith(node.base() + "/mfa/sms");
			flows.add(flow);
		}
		int[] next = { 0 };
		List<Integer> statuses = RateLimiterContract.fireAtOnce(50, () -> {
			SignInFlow flow;
			synchronized (next) {
				flow = flows.get(next[0]++);
			}
			return flow.sendCode().status();
		});
		assertThat(statuses).containsOnly(200);
		JdbcClient jdbc = node.context().getBean(JdbcClient.class);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM sms_outbox").query(Integer.class).single()).isEqualTo(10);
		assertThat(jdbc.sql("SELECT used FROM sms_monthly_usage WHERE client_id = :c").param("c", clientId)
			.query(Integer.class).single()).isEqualTo(10);

		String today = LocalDate.now(ZoneOffset.UTC).toString();
		assertThat(api.call("GET", "/api/v1/sms/stats?clientId=" + clientId, null).json().get("items").toString())
			.isEqualTo("[{\"day\":\"" + today + "\",\"clientId\":\"" + clientId + "\",\"provider\":\"outbox\","
					+ "\"callingCode\":\"1\",\"sent\":10,\"delivered\":10,\"failed\":0,\"verified\":0,\"cost\":0,"
					+ "\"currency\":null}]");
	}

	@Test
	void messagesEitherSideOfMidnightUtcCountOnTheirOwnDays() {
		JdbcClient jdbc = node.context().getBean(JdbcClient.class);
		String client = "maria-midnight-" + UUID.randomUUID();
		Instant midnight = LocalDate.of(2025, 3, 31).atStartOfDay(ZoneOffset.UTC).toInstant();
		for (Instant at : List.of(midnight.minusMillis(1), midnight.minusSeconds(7200), midnight)) {
			jdbc.sql("INSERT INTO sms_message (id, purpose, client_id, provider, calling_code, to_masked, parts, price, "
					+ "currency, status, verified, created_at, status_at) VALUES (:id, 'code', :client, 'vonage', '44', "
					+ "'+44 *** 01', 1, 0.0333, 'EUR', 'delivered', TRUE, :at, :at)")
				.param("id", UUID.randomUUID().toString()).param("client", client).param("at", Timestamp.from(at))
				.update();
		}
		ManagementClient api = new ManagementClient(node.base(), "management-cli", Node.MANAGEMENT_SECRET);
		assertThat(api.call("GET", "/api/v1/sms/stats?from=2025-03-30&to=2025-03-31&clientId=" + client, null).json()
			.get("items").toString())
			.isEqualTo("[{\"day\":\"2025-03-30\",\"clientId\":\"" + client + "\",\"provider\":\"vonage\",\"callingCode\":\"44\","
					+ "\"sent\":2,\"delivered\":2,\"failed\":0,\"verified\":2,\"cost\":0.0666,\"currency\":\"EUR\"},"
					+ "{\"day\":\"2025-03-31\",\"clientId\":\"" + client + "\",\"provider\":\"vonage\",\"callingCode\":\"44\","
					+ "\"sent\":1,\"delivered\":1,\"failed\":0,\"verified\":1,\"cost\":0.0333,\"currency\":\"EUR\"}]");
	}

}
