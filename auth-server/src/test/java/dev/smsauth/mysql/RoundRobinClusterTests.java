package dev.smsauth.mysql;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.smsauth.limits.RateLimiterContract;
import dev.smsauth.mfa.Factors;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.RoundRobinProxy;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of the {@code mysql} profile on one MariaDB behind a round robin that alternates
 * <em>per request</em>, the way production breaks a sign-in apart: every hop of one person's
 * sign-in, the code exchange, the refresh and the logout land on alternate nodes. Each claim is
 * checked on the node that did not start the flow, and every limit is fired at fifty times at once
 * through the balancer.
 */
class RoundRobinClusterTests {

	static final String REDIRECT = "https://rp.round-robin.test/cb";

	static final String AFTER_LOGOUT = "https://rp.round-robin.test/signed-out";

	static Cluster cluster;

	static RoundRobinProxy proxy;

	static ManagementClient admin;

	@BeforeAll
	static void start() {
		cluster = Cluster.start();
		proxy = RoundRobinProxy.start(List.of(cluster.node1().base(), cluster.node2().base()));
		admin = new ManagementClient(proxy.base(), "management-cli", Node.MANAGEMENT_SECRET);
	}

	@AfterAll
	static void stop() {
		if (proxy != null) {
			proxy.close();
		}
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void whenEveryRequestAlternatesNodesThenTheIdTokenHasSidAuthTimeAmrAcrAndLogoutEndsTheSessionEverywhere()
			throws Exception {
		App app = app("Round robin app");
		admin.createUser("alternating", "+14155550611", "alternating-password-1");
		TestBrowser browser = new TestBrowser(proxy.base());
		SignInFlow flow = new SignInFlow(browser, app.clientId(), REDIRECT);

		// The authorization endpoint answers with the sign-in page; its form (and CSRF token, saved in the
		// shared session) is posted to the other node.
		TestBrowser.Page signInPage = flow.authorize("openid profile phone offline_access", Map.of());
		assertThat(signInPage.isSignInPage()).isTrue();
		String pageNode = proxy.lastNodeFor("/oauth2/authorize");
		TestBrowser.Page afterPassword = browser.submit(signInPage, "/login",
				Map.of("username", "alternating", "password", "alternating-password-1"));
		assertThat(proxy.lastNodeFor("/login")).as("the password on the other node").isNotEqualTo(pageNode);
		assertThat(afterPassword.status()).isEqualTo(303);
		assertThat(afterPassword.location()).startsWith(proxy.base() + "/mfa/sms");
		flow.sendCode();
		// The code's answer is the waiting request's own, resumed on the node that checked the code: the
		// redirect with the authorization code (its session's new id saved to the shared store as it left).
		TestBrowser.Page toApp = flow.verify(admin.latestCode("+14155550611"));
		assertThat(toApp.status()).isEqualTo(303);
		String code = SignInFlow.codeIn(toApp);
		assertThat(code).as("code issued: " + toApp.location()).isNotNull();

		// The exchange, the refresh and the logout each land on the other node than the step before.
		String issuedBy = proxy.lastNodeFor("/mfa/sms/verify");
		proxy.nextRequestNotTo(issuedBy);
		JsonNode tokens = flow.exchange(code, app.secret());
		assertThat(tokens.get("_status").asInt()).isEqualTo(200);
		JsonNode idToken = SignInFlow.claims(tokens.get("id_token").asString());
		assertThat(idToken.has("sid")).as("sid in " + idToken).isTrue();
		assertThat(idToken.has("auth_time")).as("auth_time in " + idToken).isTrue();
		assertThat(idToken.get("amr").toString()).isEqualTo("[\"pwd\",\"sms\",\"mfa\"]");
		assertThat(idToken.get("acr").asString()).isEqualTo(Factors.ACR_MFA);

		assertThat(proxy.lastNodeFor("/oauth2/token")).isNotEqualTo(issuedBy);
		proxy.nextRequestNotTo(proxy.lastNodeFor("/oauth2/token"));
		String exchangedOn = proxy.lastNodeFor("/oauth2/token");
		JsonNode refreshed = token(app, "grant_type=refresh_token&refresh_token="
				+ enc(tokens.get("refresh_token").asString()));
		assertThat(refreshed.get("_status").asInt()).isEqualTo(200);
		JsonNode refreshedId = SignInFlow.claims(refreshed.get("id_token").asString());
		assertThat(refreshedId.get("sid").asString()).isEqualTo(idToken.get("sid").asString());
		assertThat(refreshedId.get("auth_time").asLong()).isEqualTo(idToken.get("auth_time").asLong());
		assertThat(userInfo(refreshed.get("access_token").asString()).get("phone_number").asString())
			.isEqualTo("+14155550611");
		// Both nodes publish the same signing keys, so either can verify what the other signed.
		assertThat(jwks(cluster.node1().base())).isEqualTo(jwks(cluster.node2().base()));

		// A second application signs in through SSO on whichever node: same session, same sid.
		App other = app("Round robin second app");
		SignInFlow second = new SignInFlow(browser, other.clientId(), REDIRECT);
		TestBrowser.Page sso = second.authorize("openid", Map.of());
		String ssoCode = SignInFlow.codeIn(sso);
		assertThat(ssoCode).as("SSO without another sign-in: " + sso.location()).isNotNull();
		JsonNode ssoId = SignInFlow.claims(second.exchange(ssoCode, other.secret()).get("id_token").asString());
		assertThat(ssoId.get("sid").asString()).isEqualTo(idToken.get("sid").asString());
		assertThat(ssoId.get("auth_time").asLong()).isEqualTo(idToken.get("auth_time").asLong());

		// RP-initiated logout with id_token_hint (the grant's latest ID token), on the other node,
		// ends the one shared session.
		proxy.nextRequestNotTo(exchangedOn);
		TestBrowser.Page loggedOut = browser.get("/connect/logout?id_token_hint=" + enc(refreshed.get("id_token").asString())
				+ "&client_id=" + app.clientId() + "&post_logout_redirect_uri=" + enc(AFTER_LOGOUT) + "&state=bye");
		assertThat(loggedOut.location()).as(loggedOut.status() + " " + loggedOut.body()).isEqualTo(AFTER_LOGOUT + "?state=bye");
		assertThat(proxy.lastNodeFor("/connect/logout")).isNotEqualTo(exchangedOn);
		JdbcTemplate jdbc = cluster.node1().context().getBean(JdbcTemplate.class);
		String userId = jdbc.queryForObject("SELECT id FROM user_account WHERE username = 'alternating'", String.class);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?", Integer.class,
				userId)).isZero();
		for (int node = 0; node < 2; node++) {
			assertThat(flow.authorize("openid", Map.of()).isSignInPage()).as("signed out on both nodes").isTrue();
		}
		assertThat(proxy.served()).hasSize(2).allSatisfy((node, count) -> assertThat(count).isGreaterThan(5));
	}

	@Test
	void whenFiftySendsOfOneSignInArriveAtOnceOnBothNodesThenTheProviderIsCalledOnce() throws Exception {
		App app = app("Parallel sends app");
		admin.createUser("presser", "+14155550612", "presser-password-1");
		TestBrowser browser = signedInAtSmsStep(app, "presser", "presser-password-1");
		TestBrowser.Page smsPage = browser.get("/mfa/sms");

		List<Integer> answers = RateLimiterContract.fireAtOnce(50,
				() -> browser.submit(smsPage, "/mfa/sms/send", Map.of()).status());

		assertThat(answers).containsOnly(200);
		assertThat(admin.outbox("+14155550612")).hasSize(1);
		assertThat(auditCount("SMS_SENT", "presser")).isEqualTo(1);
	}

	@Test
	void whenFiftyEnrollmentSendsOfOnePhonelessAccountArriveAtOnceThenOneCodeGoesOut() throws Exception {
		App app = app("Parallel enrollment app");
		admin.createUser("phoneless", null, "phoneless-password-1");
		TestBrowser browser = signedInAtSmsStep(app, "phoneless", "phoneless-password-1");
		TestBrowser.Page enrollPage = browser.get("/mfa/sms");
		List<String> numbers = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			numbers.add("+1415557" + String.format("%04d", i));
		}
		int[] next = { 0 };

		List<Integer> answers = RateLimiterContract.fireAtOnce(50, () -> {
			String number;
			synchronized (next) {
				number = numbers.get(next[0]++);
			}
			return browser.submit(enrollPage, "/mfa/sms/send", Map.of("phoneNumber", number)).status();
		});

		assertThat(answers).containsOnly(200);
		int sent = 0;
		for (String number : numbers) {
			sent += admin.outbox(number).size();
		}
		assertThat(sent).as("the resend cooldown lets one through, on whichever node").isEqualTo(1);
		assertThat(auditCount("SMS_SENT", "phoneless")).isEqualTo(1);
	}

	@Test
	void whenFiftyWrongPasswordsForOneAccountArriveAtOnceThenOnlyThreeAreCheckedBeforeTheDelay() throws Exception {
		admin.createUser("guessed-at", null, "guessed-at-password-1");
		List<TestBrowser> browsers = new ArrayList<>();
		List<TestBrowser.Page> forms = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			TestBrowser browser = new TestBrowser(proxy.base());
			browsers.add(browser);
			forms.add(browser.get("/login"));
		}
		int[] next = { 0 };

		List<String> answers = RateLimiterContract.fireAtOnce(50, () -> {
			int i;
			synchronized (next) {
				i = next[0]++;
			}
			TestBrowser.Page answer = browsers.get(i).submit(forms.get(i), "/login",
					Map.of("username", "guessed-at", "password", "wrong-" + i));
			return answer.location().replace(proxy.base(), "");
		});

		// Three failures pass at once (auth.signin.delay-after-failures); each later one must wait
		// for the progressive delay, which parallel guesses can not slip past either.
		// The delay may let one more through per second while the burst lasts; the lock after
		// auth.signin.max-failures-per-account-and-ip (5) holds whatever the timing.
		long checked = answers.stream().filter("/login?error"::equals).count();
		assertThat(checked).as(answers.toString()).isBetween(3L, 5L);
		assertThat(answers.stream().filter("/login?error=throttled"::equals).count()).isEqualTo(50 - checked);
	}

	@Test
	void whenFiftyThreadsReserveOneBucketOnMariaDbThenExactlyTheLimitIsGranted() throws Exception {
		RateLimiterContract.whenFiftyReserveAtOnceThenExactlyTheLimitIsGranted(
				cluster.node1().context().getBean(dev.smsauth.limits.RateLimiter.class));
		RateLimiterContract.whenFiftyReserveAcrossSeveralBucketsThenNoBucketOvershoots(
				cluster.node2().context().getBean(dev.smsauth.limits.RateLimiter.class));
	}

	/** Each reservation locks its buckets in one statement: the same order on both nodes, so no deadlock. */
	@Test
	void whenFiftyThreadsOnBothNodesReserveOverlappingBucketsOnMariaDbThenNoneDeadlocksOrOvershoots() throws Exception {
		RateLimiterContract.whenFiftyReserveOverlappingBucketsInAnyOrderThenNoneDeadlocksOrOvershoots(
				cluster.node1().context().getBean(dev.smsauth.limits.RateLimiter.class),
				cluster.node2().context().getBean(dev.smsauth.limits.RateLimiter.class));
	}

	/**
	 * Found by the benchmark on MariaDB: successful sign-ins at once deadlocked in giving back their
	 * slots (a delete by bucket over a small table is a full scan) and answered 503.
	 */
	@Test
	void whenFiftySignInsOnBothNodesSucceedAtOnceThenGivingBackNeverDeadlocks() throws Exception {
		RateLimiterContract.whenFiftySignInsSucceedAtOnceThenGivingBackNeverDeadlocks(
				cluster.node1().context().getBean(dev.smsauth.limits.RateLimiter.class),
				cluster.node2().context().getBean(dev.smsauth.limits.RateLimiter.class));
	}

	/**
	 * The SMS budgets counted per minute (`rate_limit_sub_window`) are the same count on every node:
	 * fifty reservations at once, alternating between the two nodes, get exactly the limit through.
	 */
	@Test
	void whenFiftyThreadsOnBothNodesReserveABudgetCountedPerMinuteThenExactlyTheLimitIsGranted() throws Exception {
		dev.smsauth.limits.RateLimiter[] nodes = { cluster.node1().context().getBean(dev.smsauth.limits.RateLimiter.class),
				cluster.node2().context().getBean(dev.smsauth.limits.RateLimiter.class) };
		dev.smsauth.limits.RateLimiter.Limit twenty = dev.smsauth.limits.RateLimiter.Limit
			.of("test:two-nodes-per-minute:" + System.nanoTime(), 20, java.time.Duration.ofHours(1))
			.countedInSubWindows();
		int[] next = { 0 };
		List<Boolean> answers = RateLimiterContract.fireAtOnce(50, () -> {
			int n;
			synchronized (next) {
				n = next[0]++;
			}
			return nodes[n % 2].reserve(twenty).granted();
		});
		assertThat(answers.stream().filter(Boolean::booleanValue).count()).isEqualTo(20);
		assertThat(nodes[1].count(twenty.bucket(), java.time.Duration.ofHours(1))).isEqualTo(20);
	}

	private static TestBrowser signedInAtSmsStep(App app, String username, String password) {
		TestBrowser browser = new TestBrowser(proxy.base());
		SignInFlow flow = new SignInFlow(browser, app.clientId(), REDIRECT);
		flow.authorize("openid", Map.of());
		TestBrowser.Page afterPassword = flow.signIn(username, password);
		assertThat(afterPassword.location()).startsWith(proxy.base() + "/mfa/sms");
		return browser;
	}

	private static int auditCount(String event, String username) {
		JdbcTemplate jdbc = cluster.node1().context().getBean(JdbcTemplate.class);
		return jdbc.queryForObject("SELECT COUNT(*) FROM audit_event e JOIN user_account u ON u.id = e.user_id "
				+ "WHERE e.event = ? AND u.username = ?", Integer.class, event, username);
	}

	private static App app(String name) {
		JsonNode app = admin.createApplication("{\"name\":\"" + name + "\",\"redirectUris\":[\"" + REDIRECT
				+ "\"],\"postLogoutRedirectUris\":[\"" + AFTER_LOGOUT
				+ "\"],\"scopes\":[\"openid\",\"profile\",\"phone\",\"offline_access\"],"
				+ "\"grantTypes\":[\"authorization_code\",\"refresh_token\"],\"mfa\":{\"sms\":true}}");
		return new App(app.get("clientId").asString(), app.get("clientSecret").asString());
	}

	private static JsonNode token(App app, String form) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(proxy.base() + "/oauth2/token"))
				.header("Authorization", ManagementClient.basic(app.clientId(), app.secret()))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode json = JsonMapper.builder().build().readTree(response.body());
		((tools.jackson.databind.node.ObjectNode) json).put("_status", response.statusCode());
		return json;
	}

	private static JsonNode userInfo(String accessToken) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(proxy.base() + "/userinfo"))
				.header("Authorization", "Bearer " + accessToken)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(response.body());
	}

	private static String jwks(String node) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(node + "/oauth2/jwks")).build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	record App(String clientId, String secret) {
	}

}
