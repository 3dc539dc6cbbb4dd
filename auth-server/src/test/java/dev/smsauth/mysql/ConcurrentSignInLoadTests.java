package dev.smsauth.mysql;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 people sign in with the SMS step at the same time, each one's requests spread over two
 * nodes on one MariaDB. Every sign-in must end in exactly one successful code exchange or a clear
 * error, never a 500; afterwards the database holds exactly the expected rows. A correctness test
 * under concurrency, not a benchmark: it asserts counts, never times.
 */
class ConcurrentSignInLoadTests {

	static final int PEOPLE = 200;

	static final int CONCURRENCY = 25;

	static final String REDIRECT = "https://rp.load.test/cb";

	static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

	static Cluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = Cluster.start();
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void whenTwoHundredSmsSignInsRunAtOnceAcrossTwoNodesThenEachEndsOnceAndTheRowsAddUp() throws Exception {
		ManagementClient admin = new ManagementClient(cluster.node1().base(), "management-cli", Node.MANAGEMENT_SECRET);
		JsonNode app = admin.createApplication("{\"name\":\"Load app\",\"redirectUris\":[\"" + REDIRECT
				+ "\"],\"scopes\":[\"openid\"],\"mfa\":{\"sms\":true}}");
		String clientId = app.get("clientId").asString();
		String secret = app.get("clientSecret").asString();
		JdbcTemplate jdbc = cluster.node1().context().getBean(JdbcTemplate.class);
		createPeople(jdbc, cluster.node1().context().getBean(PasswordEncoder.class));

		ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
		List<Callable<String>> signIns = new ArrayList<>();
		for (int i = 0; i < PEOPLE; i++) {
			int person = i;
			signIns.add(() -> signIn(person, clientId, secret, jdbc));
		}
		List<String> outcomes = new ArrayList<>();
		for (Future<String> outcome : pool.invokeAll(signIns)) {
			outcomes.add(outcome.get());
		}
		pool.shutdown();

		assertThat(outcomes).allMatch(o -> o.equals("ok"), "every sign-in succeeded: " + outcomes.stream()
			.filter(o -> !o.equals("ok"))
			.limit(5)
			.toList());
		String appId = jdbc.queryForObject("SELECT id FROM oauth2_registered_client WHERE client_id = ?", String.class,
				clientId);
		assertThat(count(jdbc, "SELECT COUNT(*) FROM oauth2_authorization WHERE registered_client_id = ? "
				+ "AND access_token_value IS NOT NULL", appId)).isEqualTo(PEOPLE);
		assertThat(count(jdbc, "SELECT COUNT(*) FROM sms_challenge WHERE status = 'VERIFIED'")).isEqualTo(PEOPLE);
		assertThat(count(jdbc, "SELECT COUNT(*) FROM sms_challenge WHERE status <> 'VERIFIED'")).isZero();
		assertThat(count(jdbc, "SELECT COUNT(*) FROM sms_outbox")).isEqualTo(PEOPLE);
		assertThat(count(jdbc, "SELECT COUNT(*) FROM audit_event WHERE event = 'SMS_VERIFIED'")).isEqualTo(PEOPLE);
		assertThat(count(jdbc, "SELECT COUNT(*) FROM audit_event WHERE event = 'SIGN_IN_PASSWORD_ACCEPTED'"))
			.isEqualTo(PEOPLE);
	}

	/** One person's sign-in, alternating nodes at every hop like a round-robin balancer. */
	private static String signIn(int person, String clientId, String secret, JdbcTemplate jdbc) {
		String phone = phone(person);
		TestBrowser browser = new TestBrowser(cluster.node1().base());
		SignInFlow flow = new SignInFlow(browser, clientId, REDIRECT);
		try {
			flow.authorize("openid", Map.of());
			TestBrowser.Page login = browser.get(cluster.node2().base() + "/login");
			TestBrowser.Page afterPassword = browser.submit(login, cluster.node2().base() + "/login",
					Map.of("username", "load-" + person, "password", "load-password-1"));
			if (afterPassword.status() != 303) {
				return "password step answered " + afterPassword.status();
			}
			String authorize = afterPassword.location().replace(cluster.node2().base(), cluster.node1().base());
			TestBrowser.Page toSms = browser.get(authorize);
			if (!toSms.location().contains("/mfa/sms")) {
				return "no SMS step: " + toSms.status() + " " + toSms.location();
			}
			TestBrowser.Page smsPage = browser.get(cluster.node2().base() + "/mfa/sms");
			browser.submit(smsPage, cluster.node1().base() + "/mfa/sms/send", Map.of());
			String code = awaitCode(jdbc, phone);
			TestBrowser.Page verified = browser.submit(browser.get(cluster.node2().base() + "/mfa/sms"),
					cluster.node2().base() + "/mfa/sms/verify", Map.of("code", code));
			TestBrowser.Page toApp = browser.get(verified.location().replace(cluster.node2().base(), cluster.node1().base()));
			String authorizationCode = SignInFlow.codeIn(toApp);
			if (authorizationCode == null) {
				return "no code: " + toApp.status() + " " + toApp.location();
			}
			JsonNode tokens = flow.exchange(authorizationCode, secret);
			return tokens.get("_status").asInt() == 200 ? "ok" : "exchange answered " + tokens;
		}
		catch (RuntimeException ex) {
			return "failed: " + ex;
		}
	}

	private static String awaitCode(JdbcTemplate jdbc, String phone) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (Instant.now().isBefore(deadline)) {
			List<String> texts = jdbc.queryForList("SELECT text FROM sms_outbox WHERE to_number = ?", String.class,
					phone);
			if (!texts.isEmpty()) {
				Matcher m = CODE.matcher(texts.get(0));
				if (m.find()) {
					return m.group(1);
				}
			}
			try {
				Thread.sleep(20); // waiting for our own earlier request's row, not timing anything
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		throw new IllegalStateException("no SMS for " + phone);
	}

	/** 200 accounts with one shared Argon2id hash (hashing 200 passwords would only slow the setup). */
	private static void createPeople(JdbcTemplate jdbc, PasswordEncoder encoder) {
		String hash = encoder.encode("load-password-1");
		java.sql.Timestamp now = java.sql.Timestamp.from(Instant.now());
		for (int i = 0; i < PEOPLE; i++) {
			jdbc.update("INSERT INTO user_account (id, username, email, phone_number, display_name, password_hash, enabled, "
					+ "created_at, updated_at, admin) VALUES (?, ?, NULL, ?, NULL, ?, TRUE, ?, ?, FALSE)",
					java.util.UUID.randomUUID().toString(), "load-" + i, phone(i), hash, now, now);
		}
	}

	private static String phone(int person) {
		return "+1415556" + String.format("%04d", person);
	}

	private static int count(JdbcTemplate jdbc, String sql, Object... args) {
		Integer n = jdbc.queryForObject(sql, Integer.class, args);
		return n == null ? 0 : n;
	}

}
