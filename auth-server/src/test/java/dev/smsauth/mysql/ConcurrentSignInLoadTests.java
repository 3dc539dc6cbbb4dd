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
import dev.smsauth.support.RoundRobinProxy;
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
 * 500 people sign in with the SMS step at the same time through a round robin that alternates
 * every request between two nodes on one MariaDB. Every sign-in must end in exactly one successful
 * code exchange whose ID token has {@code sid} and {@code auth_time}, never a 500; afterwards the
 * database holds exactly the expected rows (challenges, grants, sessions, audit events). A
 * correctness test under concurrency, not a benchmark: it asserts counts, never times (the
 * duration it prints goes to docs/performance.md).
 */
class ConcurrentSignInLoadTests {

	static final int PEOPLE = 500;

	static final int CONCURRENCY = 50;

	static final String REDIRECT = "https://rp.load.test/cb";

	static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

	static Cluster cluster;

	static RoundRobinProxy proxy;

	@BeforeAll
	static void startCluster() {
		cluster = Cluster.start();
		proxy = RoundRobinProxy.start(List.of(cluster.node1().base(), cluster.node2().base()));
	}

	@AfterAll
	static void stopCluster() {
		if (proxy != null) {
			proxy.close();
		}
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void whenFiveHundredSmsSignInsRunAtOnceThroughARoundRobinThenEachEndsOnceAndTheRowsAddUp() throws Exception {
		ManagementClient admin = new ManagementClient(proxy.base(), "management-cli", Node.MANAGEMENT_SECRET);
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
		long started = System.nanoTime();
		List<String> outcomes = new ArrayList<>();
		for (Future<String> outcome : pool.invokeAll(signIns)) {
			outcomes.add(outcome.get());
		}
		pool.shutdown();
		System.out.printf("%d SMS sign-ins, %d at a time, through a per-request round robin over two nodes: %d ms; "
				+ "requests per node %s%n", PEOPLE, CONCURRENCY, (System.nanoTime() - started) / 1_000_000, proxy.served());

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
		assertThat(count(jdbc, "SELECT COUNT(*) FROM audit_event WHERE event = 'SMS_SENT'")).isEqualTo(PEOPLE);
		assertThat(count(jdbc, "SELECT COUNT(*) FROM audit_event WHERE event IN ('SIGN_IN_PASSWORD_REFUSED', "
				+ "'SMS_SEND_FAILED', 'SMS_CODE_WRONG', 'SMS_LOCKED')")).isZero();
		// One session per person, found by principal on any node (the session registry's index).
		assertThat(count(jdbc, "SELECT COUNT(DISTINCT PRINCIPAL_NAME) FROM SPRING_SESSION WHERE PRINCIPAL_NAME IS NOT NULL"))
			.isEqualTo(PEOPLE);
		assertThat(count(jdbc, "SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME IS NOT NULL")).isEqualTo(PEOPLE);
		// Every sign-in took one slot in the SMS budgets and gave back its password and code slots.
		assertThat(count(jdbc, "SELECT COUNT(*) FROM rate_limit_hit WHERE bucket LIKE 'sms:account:%'")).isEqualTo(PEOPLE);
		assertThat(count(jdbc, "SELECT COUNT(*) FROM rate_limit_hit WHERE bucket LIKE 'signin:%' OR bucket LIKE 'mfa:%'"))
			.isZero();
		assertThat(proxy.served()).hasSize(2);
	}

	/** One person's sign-in through the round robin: every request goes to the other node than the one before. */
	private static String signIn(int person, String clientId, String secret, JdbcTemplate jdbc) {
		String phone = phone(person);
		TestBrowser browser = new TestBrowser(proxy.base());
		SignInFlow flow = new SignInFlow(browser, clientId, REDIRECT);
		try {
			flow.authorize("openid", Map.of());
			TestBrowser.Page afterPassword = flow.signIn("load-" + person, "load-password-1");
			if (afterPassword.status() != 303) {
				return "password step answered " + afterPassword.status();
			}
			if (!afterPassword.location().contains("/mfa/sms")) {
				return "no SMS step: " + afterPassword.status() + " " + afterPassword.location();
			}
			TestBrowser.Page sent = flow.sendCode();
			if (sent.status() != 200 || !sent.alerts().equals("We sent a code by SMS.")) {
				return "send answered " + sent.status() + " " + sent.alerts();
			}
			String code = awaitCode(jdbc, phone);
			TestBrowser.Page verified = flow.verify(code);
			TestBrowser.Page toApp = browser.next(verified);
			String authorizationCode = SignInFlow.codeIn(toApp);
			if (authorizationCode == null) {
				return "no code: " + toApp.status() + " " + toApp.location();
			}
			JsonNode tokens = flow.exchange(authorizationCode, secret);
			if (tokens.get("_status").asInt() != 200) {
				return "exchange answered " + tokens;
			}
			JsonNode idToken = SignInFlow.claims(tokens.get("id_token").asString());
			if (!idToken.has("sid") || !idToken.has("auth_time")) {
				return "ID token without sid or auth_time: " + idToken;
			}
			return "ok";
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

	/** The accounts, with one shared Argon2id hash (hashing 200 passwords would only slow the setup). */
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
