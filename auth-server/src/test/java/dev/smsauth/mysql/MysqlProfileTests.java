package dev.smsauth.mysql;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.smsauth.AuthServerApplication;
import dev.smsauth.cleanup.CleanupJob;
import dev.smsauth.cleanup.CleanupReport;
import dev.smsauth.support.Api;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code mysql} profile against the real MariaDB of this machine: Flyway's MySQL migrations,
 * every table the server writes (registered clients, users, SMS challenges, HTTP sessions,
 * authorizations with their JSON attributes, signing keys), and a full SMS sign-in through them.
 */
class MysqlProfileTests {

	static final String MANAGEMENT_SECRET = "mysql-profile-test-management-secret-0123456789";

	static String url;

	static ConfigurableApplicationContext context;

	static String base;

	@BeforeAll
	static void start() {
		url = MariaDb.freshDatabase();
		// Command-line arguments: they win over application-mysql.yml, as an operator's environment would.
		context = new SpringApplicationBuilder(AuthServerApplication.class).profiles("mysql")
			.run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=root",
					"--spring.datasource.password=", "--auth.sms.provider=outbox",
					"--auth.sms.outbox.allow-in-production=true",
					"--auth.sms.code-hmac-key=mysql-profile-test-hmac-key-0123456789abcdef",
					"--auth.bootstrap.management-client-secret=" + MANAGEMENT_SECRET,
					"--auth.keys.encryption-key=bXlzcWwtcHJvZmlsZS10ZXN0LWtleS1lbmNyeXB0LTE=",
					// The test talks plain http to localhost; production keeps Secure cookies.
					"--server.servlet.session.cookie.secure=false");
		base = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
		if (url != null) {
			MariaDb.drop(url);
		}
	}

	@Test
	void whenStartedOnMariaDbThenMigrationsCreateEveryTableAndNoDemoData() {
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		List<String> tables = jdbc.queryForList("SELECT LOWER(table_name) FROM information_schema.tables WHERE table_schema = DATABASE()", String.class);
		assertThat(tables).contains("oauth2_registered_client", "oauth2_authorization", "oauth2_authorization_consent",
				"user_account", "signing_key", "sms_challenge", "sms_outbox", "spring_session",
				"spring_session_attributes", "audit_event", "user_authenticator", "user_device", "flyway_schema_history");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM user_account", Integer.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_registered_client WHERE client_id = 'demo-client'",
				Integer.class)).isZero();
	}

	@Test
	void whenSmsSignInOnMariaDbThenEveryStepPersistsAndTokensWork() {
		ManagementClient admin = new ManagementClient(base, "management-cli", MANAGEMENT_SECRET);
		String redirect = "https://rp.example.com/cb";
		JsonNode app = admin.createApplication("{\"name\":\"MySQL app\",\"redirectUris\":[\"" + redirect
				+ "\"],\"scopes\":[\"openid\",\"profile\",\"phone\"],\"mfa\":{\"sms\":true}}");
		admin.createUser("mysql-user", "+8613800138000", "mysql-password-1");

		TestBrowser browser = new TestBrowser(base);
		SignInFlow flow = new SignInFlow(browser, app.get("clientId").asString(), redirect);
		flow.authorize();
		TestBrowser.Page afterPassword = flow.signIn("+86 138 0013 8000", "mysql-password-1");
		assertThat(afterPassword.location()).startsWith(base + "/mfa/sms");
		flow.sendCode();
		TestBrowser.Page verified = flow.verify(admin.latestCode("+8613800138000"));
		TestBrowser.Page toApp = browser.next(verified);
		String code = SignInFlow.codeIn(toApp);
		assertThat(code).isNotNull();

		JsonNode tokens = flow.exchange(code, app.get("clientSecret").asString());
		assertThat(tokens.get("_status").asInt()).isEqualTo(200);
		JsonNode idToken = SignInFlow.claims(tokens.get("id_token").asString());
		assertThat(idToken.get("amr").toString()).isEqualTo("[\"pwd\",\"sms\",\"mfa\"]");
		assertThat(idToken.get("phone_number").asString()).isEqualTo("+8613800138000");

		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		assertThat(jdbc.queryForObject("SELECT status FROM sms_challenge", String.class)).isEqualTo("VERIFIED");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM SPRING_SESSION", Integer.class)).isPositive();
		assertThat(jdbc.queryForObject(
				"SELECT COUNT(*) FROM oauth2_authorization WHERE access_token_value IS NOT NULL AND attributes LIKE '%FACTOR_SMS%'",
				Integer.class)).isEqualTo(1);

		// The audit trail, written and read back through MySQL's datetime(6) and LIMIT/OFFSET.
		assertThat(jdbc.queryForList("SELECT event FROM audit_event WHERE event LIKE 'SIGN_IN_%' OR event LIKE 'SMS_%' ORDER BY id",
				String.class)).containsExactly("SIGN_IN_PASSWORD_ACCEPTED", "SMS_SENT", "SMS_VERIFIED");
		JsonNode verifiedEvents = admin.call("GET", "/api/v1/audit-events?event=SMS_VERIFIED&from="
				+ java.time.Instant.now().minusSeconds(600) + "&limit=10", null).json();
		assertThat(verifiedEvents.get("total").asLong()).isEqualTo(1);
		assertThat(verifiedEvents.get("items").get(0).get("clientId").asString()).isEqualTo(app.get("clientId").asString());

		// The same code a second time: refused, and the first exchange's tokens are revoked.
		assertThat(flow.exchange(code, app.get("clientSecret").asString()).get("error").asString())
			.isEqualTo("invalid_grant");
	}

	/** Reference tokens keep their claims in access_token_metadata: written and read back through MariaDB. */
	@Test
	void whenReferenceAccessTokensOnMariaDbThenStoredIntrospectedAcceptedAndRevocable() throws Exception {
		ManagementClient admin = new ManagementClient(base, "management-cli", MANAGEMENT_SECRET);
		JsonNode machine = admin.createApplication("{\"name\":\"MySQL opaque\",\"grantTypes\":[\"client_credentials\"],"
				+ "\"scopes\":[\"management\"],\"accessTokenFormat\":\"reference\"}");
		String id = machine.get("clientId").asString();
		String secret = machine.get("clientSecret").asString();
		Api api = Api.as(base, id, secret);

		Api.Answer granted = api.clientCredentials(id, secret, "management");
		assertThat(granted.status()).isEqualTo(200);
		String token = granted.json().get("access_token").asString();
		assertThat(token).doesNotContain(".");

		assertThat(api.send("GET", "/api/v1/users?limit=1", token, null, null).status()).isEqualTo(200);
		JsonNode active = api.JSON.readTree(form(id, secret, "/oauth2/introspect", "token=" + token));
		assertThat(active.get("active").asBoolean()).isTrue();
		assertThat(active.get("client_id").asString()).isEqualTo(id);
		assertThat(active.get("scope").asString()).isEqualTo("management");

		form(id, secret, "/oauth2/revoke", "token=" + token);
		assertThat(api.send("GET", "/api/v1/users?limit=1", token, null, null).status()).isEqualTo(401);
		assertThat(api.JSON.readTree(form(id, secret, "/oauth2/introspect", "token=" + token)).get("active").asBoolean())
			.isFalse();
	}

	private static String form(String clientId, String secret, String path, String body) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + path))
				.header("Authorization", ManagementClient.basic(clientId, secret))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
		return response.body();
	}

	@Test
	void whenCleanupRunsOnMariaDbThenBatchedDeletesRemoveOnlyExpiredRows() {
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		Timestamp longAgo = Timestamp.from(Instant.now().minus(Duration.ofDays(400)));
		Timestamp inADay = Timestamp.from(Instant.now().plus(Duration.ofDays(1)));
		List<Object[]> outbox = new ArrayList<>();
		for (int i = 0; i < 1_200; i++) {
			outbox.add(new Object[] { "+15550000000", "old " + i, longAgo });
		}
		jdbc.batchUpdate("INSERT INTO sms_outbox (to_number, text, sent_at) VALUES (?, ?, ?)", outbox);
		jdbc.update("INSERT INTO sms_challenge (id, user_id, phone_number, purpose, code_hash, status, failed_attempts, "
				+ "created_at, expires_at) VALUES ('cleanup-old', 'u', '+15550000000', 'SIGN_IN', 'h', 'VERIFIED', 0, ?, ?)",
				longAgo, longAgo);
		jdbc.update("INSERT INTO refresh_token_history (token_hash, authorization_id, rotated_at) VALUES ('cleanup-old', 'x', ?)",
				longAgo);
		jdbc.update("INSERT INTO audit_event (occurred_at, event, actor_type, details) VALUES (?, 'USER_CREATED', 'SYSTEM', 'cleanup-old')",
				longAgo);
		// purge_after as the store writes it: the latest expiry of the grant's tokens (V21).
		String grant = "INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type, "
				+ "access_token_value, access_token_expires_at, refresh_token_value, refresh_token_expires_at, purge_after) "
				+ "VALUES (?, 'c', 'p', 'authorization_code', 'a', ?, ?, ?, ?)";
		jdbc.update(grant, "cleanup-expired", longAgo, "r".getBytes(), longAgo, longAgo);
		jdbc.update(grant, "cleanup-live-refresh", longAgo, "r".getBytes(), inADay, inADay);

		CleanupReport report = context.getBean(CleanupJob.class).run();

		assertThat(report.smsOutbox()).isEqualTo(1_200);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_outbox WHERE to_number = '+15550000000'", Integer.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_challenge WHERE id = 'cleanup-old'", Integer.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM refresh_token_history WHERE token_hash = 'cleanup-old'", Integer.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE details = 'cleanup-old'", Integer.class)).isZero();
		assertThat(jdbc.queryForList("SELECT id FROM oauth2_authorization WHERE id LIKE 'cleanup-%'", String.class))
			.containsExactly("cleanup-live-refresh");
		jdbc.update("DELETE FROM oauth2_authorization WHERE id = 'cleanup-live-refresh'");
	}

	@Test
	void whenSigningKeysRotateOnMariaDbThenOneKeyWaitsAndNoPrivateKeyIsStoredInClear() {
		ManagementClient admin = new ManagementClient(base, "management-cli", MANAGEMENT_SECRET);
		ManagementClient.Response first = admin.call("POST", "/api/v1/signing-keys/rotate", null);
		assertThat(first.status()).as("%s", first.body()).isEqualTo(202);
		ManagementClient.Response second = admin.call("POST", "/api/v1/signing-keys/rotate", null);
		assertThat(second.json().get(0).get("kid").asString()).isEqualTo(first.json().get(0).get("kid").asString());

		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		assertThat(jdbc.queryForList("SELECT status FROM signing_key ORDER BY created_at", String.class))
			.containsExactly("ACTIVE", "NEXT");
		assertThat(jdbc.queryForList("SELECT jwk FROM signing_key", String.class))
			.allSatisfy(text -> assertThat(text).startsWith("v1:").doesNotContain("\"d\""));
		// The database itself refuses a second waiting key, whichever node tries (V5's unique next_marker).
		java.sql.Timestamp now = java.sql.Timestamp.from(java.time.Instant.now());
		assertThatThrownBy(() -> jdbc.update("INSERT INTO signing_key (kid, algorithm, jwk, status, created_at, activates_at, "
				+ "next_marker) VALUES ('racer', 'RS256', 'v1:x:y', 'NEXT', ?, ?, 1)", now, now))
			.isInstanceOf(DuplicateKeyException.class);
	}

}
