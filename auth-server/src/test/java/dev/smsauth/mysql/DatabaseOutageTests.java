package dev.smsauth.mysql;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away in the middle of a sign-in, for real: the node reaches MariaDB through a
 * {@link TcpForwarder} that the test cuts. While it is cut, readiness is DOWN, browsers get the
 * 503 error page, API and token callers 503 problem+json, all with Retry-After and no stack trace;
 * nothing a failed request started is left in the database. When the database is back, readiness
 * is UP again and the same sign-in (same session) completes.
 */
class DatabaseOutageTests {

	static final String REDIRECT = "https://rp.outage.test/cb";

	static final String PHONE = "+14155550701";

	static String database;

	static TcpForwarder forwarder;

	static Node node;

	@BeforeAll
	static void startBehindForwarder() throws Exception {
		database = MariaDb.freshDatabase();
		forwarder = new TcpForwarder("127.0.0.1", 3306);
		String throughForwarder = database.replace("127.0.0.1:3306", "127.0.0.1:" + forwarder.port());
		// Short waits so an outage shows within a second: a request waits at most this long for a
		// connection, and a pooled connection is checked before use.
		node = Node.start(throughForwarder, 0, "--spring.datasource.hikari.connection-timeout=1000",
				"--spring.datasource.hikari.validation-timeout=500");
	}

	@AfterAll
	static void stop() {
		if (node != null) {
			node.close();
		}
		if (forwarder != null) {
			forwarder.close();
		}
		if (database != null) {
			MariaDb.drop(database);
		}
	}

	@Test
	void whenDatabaseGoesAwayMidLoginThen503AndNothingHalfWrittenAndTheSignInCompletesWhenItIsBack()
			throws Exception {
		ManagementClient admin = new ManagementClient(node.base(), "management-cli", Node.MANAGEMENT_SECRET);
		JsonNode app = admin.createApplication("{\"name\":\"Outage app\",\"redirectUris\":[\"" + REDIRECT
				+ "\"],\"scopes\":[\"openid\"],\"mfa\":{\"sms\":true}}");
		String clientId = app.get("clientId").asString();
		String secret = app.get("clientSecret").asString();
		JsonNode user = admin.createUser("outage-user", PHONE, "outage-password-1");
		TestBrowser browser = new TestBrowser(node.base());
		SignInFlow flow = new SignInFlow(browser, clientId, REDIRECT);
		flow.authorize("openid", Map.of());
		TestBrowser.Page afterPassword = flow.signIn("outage-user", "outage-password-1");
		assertThat(afterPassword.status()).isEqualTo(303);
		assertThat(afterPassword.location()).startsWith(node.base() + "/mfa/sms");
		String authorize = "/oauth2/authorize?response_type=code&scope=openid&client_id=" + clientId + "&redirect_uri="
				+ REDIRECT;
		TestBrowser.Page smsPage = browser.get("/mfa/sms");
		assertThat(readiness().statusCode()).isEqualTo(200);

		forwarder.cut();

		HttpResponse<String> down = readiness();
		assertThat(down.statusCode()).isEqualTo(503);
		assertThat(down.body()).contains("\"status\":\"DOWN\"");
		for (String page : new String[] { "/mfa/sms", authorize }) {
			assertUnavailablePage(browser.get(page));
		}
		// "Send code" with the page's CSRF token: the session can not even be read, nothing is sent.
		assertUnavailablePage(browser.submit(smsPage, "/mfa/sms/send", Map.of()));
		ManagementClient.Response created = admin.call("POST", "/api/v1/users",
				"{\"username\":\"ghost-user\",\"password\":\"ghost-password-1\"}");
		assertUnavailableProblem(created.status(), created.contentType(), created.body());
		HttpResponse<String> token = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(node.base() + "/oauth2/token"))
				.header("Authorization", ManagementClient.basic(clientId, secret))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertUnavailableProblem(token.statusCode(), token.headers().firstValue("Content-Type").orElse(""),
				token.body());
		assertThat(token.headers().firstValue("Retry-After")).isPresent();

		forwarder.resume();

		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
			.until(() -> readiness().statusCode() == 200);
		// Nothing half-written: the user of the failed API call does not exist, and the failed
		// "Send code" left no challenge behind.
		assertThat(count("SELECT COUNT(*) FROM user_account WHERE username = ?", "ghost-user")).isZero();
		assertThat(count("SELECT COUNT(*) FROM sms_challenge WHERE user_id = ?", user.get("id").asString())).isZero();
		// The same session carries on: SMS step, code, authorization code, tokens.
		TestBrowser.Page again = browser.get("/mfa/sms");
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body()).contains("+1 ••• ••• 0701");
		assertThat(flow.sendCode().status()).isEqualTo(200);
		TestBrowser.Page verified = flow.verify(admin.latestCode(PHONE));
		assertThat(verified.status()).isEqualTo(303);
		TestBrowser.Page toApp = browser.next(verified);
		String code = SignInFlow.codeIn(toApp);
		assertThat(code).isNotNull();
		JsonNode tokens = flow.exchange(code, secret);
		assertThat(tokens.get("_status").asInt()).isEqualTo(200);
		assertThat(SignInFlow.claims(tokens.get("id_token").asString()).get("amr").toString())
			.isEqualTo("[\"pwd\",\"sms\",\"mfa\"]");
		assertThat(count("SELECT COUNT(*) FROM sms_challenge WHERE user_id = ?", user.get("id").asString()))
			.isEqualTo(1);
	}

	private static void assertUnavailablePage(TestBrowser.Page page) {
		assertThat(page.status()).as("status of a page during the outage").isEqualTo(503);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.header("Retry-After")).isNotNull();
		assertThat(page.body()).contains("The service is briefly unavailable. Please try again in a moment.")
			.doesNotContain("Exception")
			.doesNotContain("at org.");
	}

	private static void assertUnavailableProblem(int status, String contentType, String body) {
		assertThat(status).as(body).isEqualTo(503);
		assertThat(contentType).startsWith("application/problem+json");
		assertThat(body).contains("\"status\":503").doesNotContain("Exception").doesNotContain("SQL");
	}

	private static HttpResponse<String> readiness() throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(node.base() + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Counted on MariaDB directly, not through the forwarder. */
	private static int count(String sql, String value) throws Exception {
		try (Connection connection = DriverManager.getConnection(database, "root", "");
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, value);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getInt(1);
			}
		}
	}

}
