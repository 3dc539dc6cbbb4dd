package dev.smsauth.cleanup;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the clean-up job deletes and what it keeps, table by table. The job is called directly with
 * the clock moved; the schedule is off in this context (its own, so that moving the clock by a
 * year and deleting "everything old" never touches the rows of other test classes).
 */
@AuthServerTest
@TestPropertySource(properties = "auth.cleanup.enabled=false")
class CleanupJobTests extends MfaTestBase {

	@Autowired
	CleanupJob cleanup;

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Autowired
	ApplicationContext context;

	@Autowired
	OAuth2AuthorizationService authorizations;

	@Autowired
	RegisteredClientRepository clients;

	@Test
	void whenCleanupDisabledThenNoScheduleButTheJobStillExists() {
		assertThat(context.getBeansOfType(CleanupSchedule.class)).isEmpty();
		assertThat(cleanup).isNotNull();
	}

	@Test
	void whenEveryTokenExpiredThenGrantDeletedButLiveRefreshTokenKeepsItsGrant() {
		JsonNode app = admin.createApplication("{\"name\":\"Cleanup app\",\"redirectUris\":[\"" + REDIRECT
				+ "\"],\"scopes\":[\"openid\"],\"grantTypes\":[\"authorization_code\",\"refresh_token\"]}");
		String clientId = app.get("clientId").asString();
		String secret = app.get("clientSecret").asString();
		Person person = personWithoutPhone();
		TestBrowser browser = new TestBrowser(base);
		// A redeemed code: access token (10 min), ID token, refresh token (1 day).
		SignInFlow redeemed = new SignInFlow(browser, clientId, REDIRECT);
		redeemed.authorize("openid", Map.of());
		TestBrowser.Page toApp = browser.next(redeemed.signIn(person.username(), person.password()));
		JsonNode tokens = redeemed.exchange(SignInFlow.codeIn(toApp), secret);
		assertThat(tokens.get("refresh_token")).as("token response %s", tokens).isNotNull();
		String withRefreshToken = grantHolding(clientId, "refresh_token_value IS NOT NULL");
		// A code never redeemed (5 min): the same browser is signed in already.
		SignInFlow abandoned = new SignInFlow(browser, clientId, REDIRECT);
		assertThat(SignInFlow.codeIn(abandoned.authorize("openid", Map.of()))).isNotNull();
		String codeOnly = grantHolding(clientId, "access_token_value IS NULL");
		// A grant that never held a token (a consent page left open), and a consent.
		String neverHeldToken = insertPendingConsent(clientId, person.id());
		insertConsent(clientId, person.id());

		clock.advance(Duration.ofMinutes(11));
		CleanupReport first = cleanup.run();

		assertThat(first.authorizations()).isGreaterThanOrEqualTo(1);
		assertThat(grantIds(clientId)).containsExactlyInAnyOrder(withRefreshToken, neverHeldToken);

		clock.advance(Duration.ofDays(1));
		cleanup.run();

		assertThat(grantIds(clientId)).containsExactly(neverHeldToken);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization_consent WHERE principal_name = :p")
			.param("p", person.id())
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(codeOnly).isNotEqualTo(withRefreshToken);
	}

	@Test
	void whenClientCredentialsTokenExpiredThenItsGrantDeleted() {
		JsonNode app = admin.createApplication("{\"name\":\"Machine\",\"scopes\":[\"reports\"],"
				+ "\"grantTypes\":[\"client_credentials\"]}");
		String clientId = app.get("clientId").asString();
		assertThat(dev.smsauth.support.Api.management(base)
			.clientCredentials(clientId, app.get("clientSecret").asString(), "reports")
			.status()).isEqualTo(200);
		assertThat(grantIds(clientId)).hasSize(1);

		clock.advance(Duration.ofMinutes(9));
		cleanup.run();
		assertThat(grantIds(clientId)).as("the access token lives 10 minutes").hasSize(1);

		clock.advance(Duration.ofMinutes(2));
		cleanup.run();
		assertThat(grantIds(clientId)).isEmpty();
	}

	@Test
	void whenTokenHasValueButNoExpiryThenGrantKept() {
		String id = UUID.randomUUID().toString();
		jdbc.sql("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type, "
				+ "access_token_value, access_token_issued_at) VALUES (:id, 'no-client', 'someone', 'client_credentials', :v, :at)")
			.param("id", id)
			.param("v", "opaque".getBytes())
			.param("at", Timestamp.from(clock.instant()))
			.update();

		clock.advance(Duration.ofDays(400));
		cleanup.run();

		assertThat(jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization WHERE id = :id").param("id", id)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void whenManyGrantsAreDeadThenAllGoInBatchesButALiveRefreshTokenKeepsItsGrantWhateverItsPurgeTimeSays() {
		JsonNode app = admin.createApplication("{\"name\":\"Purge app\",\"redirectUris\":[\"" + REDIRECT
				+ "\"],\"scopes\":[\"openid\"],\"grantTypes\":[\"authorization_code\",\"refresh_token\"]}");
		RegisteredClient client = clients.findByClientId(app.get("clientId").asString());
		Instant now = clock.instant();
		// More than two batches (500) of grants whose every token ended a minute ago.
		for (int i = 0; i < 1_100; i++) {
			authorizations.save(grant(client, now.minus(Duration.ofMinutes(11)), null));
		}
		// The access token ended too, the refresh token lives another hour.
		OAuth2Authorization refreshable = grant(client, now.minus(Duration.ofMinutes(11)), now.plus(Duration.ofHours(1)));
		authorizations.save(refreshable);
		assertThat(grantIds(app.get("clientId").asString())).hasSize(1_101);

		CleanupReport report = cleanup.run();

		assertThat(report.authorizations()).isGreaterThanOrEqualTo(1_100);
		assertThat(grantIds(app.get("clientId").asString())).containsExactly(refreshable.getId());

		// A purge time in the past (a row written by hand, or by a node of an older version) does
		// not let a live token go: the clean-up checks the tokens themselves too.
		jdbcTemplate.update("UPDATE oauth2_authorization SET purge_after = ? WHERE id = ?",
				Timestamp.from(now.minus(Duration.ofDays(1))), refreshable.getId());
		cleanup.run();
		assertThat(grantIds(app.get("clientId").asString())).containsExactly(refreshable.getId());

		clock.advance(Duration.ofHours(1).plusSeconds(1));
		cleanup.run();
		assertThat(grantIds(app.get("clientId").asString())).isEmpty();
	}

	@Test
	void whenMoreThanABatchOfLiveGrantsHaveAWrongPurgeTimeThenTheyStayAndTheDeadBehindThemStillGo() {
		JsonNode app = admin.createApplication("{\"name\":\"Misjudged app\",\"redirectUris\":[\"" + REDIRECT
				+ "\"],\"scopes\":[\"openid\"],\"grantTypes\":[\"authorization_code\",\"refresh_token\"]}");
		String clientId = app.get("clientId").asString();
		RegisteredClient client = clients.findByClientId(clientId);
		Instant now = clock.instant();
		List<String> live = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			OAuth2Authorization refreshable = grant(client, now.minus(Duration.ofMinutes(11)), now.plus(Duration.ofHours(1)));
			authorizations.save(refreshable);
			live.add(refreshable.getId());
		}
		for (int i = 0; i < 250; i++) {
			authorizations.save(grant(client, now.minus(Duration.ofMinutes(11)), null));
		}
		// Wrong summaries, older than every dead grant: the first batches find only these.
		jdbcTemplate.update("UPDATE oauth2_authorization SET purge_after = ? WHERE id IN ("
				+ String.join(",", live.stream().map(id -> "'" + id + "'").toList()) + ")",
				Timestamp.from(now.minus(Duration.ofDays(2))));

		CleanupReport report = cleanup.run();

		assertThat(report.authorizations()).isGreaterThanOrEqualTo(250);
		assertThat(grantIds(clientId)).containsExactlyInAnyOrderElementsOf(live);
	}

	@Test
	void whenTheCleanupLooksForDeadGrantsThenTheDatabaseUsesThePurgeTimeIndex() {
		for (boolean resume : new boolean[] { false, true }) {
			String plan = jdbc.sql("EXPLAIN " + CleanupJob.AUTHORIZATIONS.selectBatch(resume))
				.param("cutoff", Timestamp.from(clock.instant()))
				.param("after", Timestamp.from(clock.instant().minus(Duration.ofDays(1))))
				.param("limit", 100)
				.query(String.class)
				.single();
			assertThat(plan).contains("IX_AUTHORIZATION_PURGE_AFTER");
		}
	}

	/** An authorization-code grant whose code and access token ended at {@code ended}. */
	private static OAuth2Authorization grant(RegisteredClient client, Instant ended, Instant refreshTokenEnds) {
		Instant issued = ended.minus(Duration.ofMinutes(10));
		OAuth2Authorization.Builder grant = OAuth2Authorization.withRegisteredClient(client)
			.id(UUID.randomUUID().toString())
			.principalName("purge-" + UUID.randomUUID())
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(Set.of("openid"))
			.token(new OAuth2AuthorizationCode("code-" + UUID.randomUUID(), issued, issued.plusSeconds(60)))
			.accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-" + UUID.randomUUID(), issued,
					ended, Set.of("openid")));
		if (refreshTokenEnds != null) {
			grant.refreshToken(new OAuth2RefreshToken("refresh-" + UUID.randomUUID(), issued, refreshTokenEnds));
		}
		return grant.build();
	}

	@Test
	void whenLimitHitsAndClaimsAreOlderThanTheLongestWindowThenDeletedAndALimitStillHolds() {
		dev.smsauth.limits.RateLimiter limiter = context.getBean(dev.smsauth.limits.RateLimiter.class);
		String bucket = "test:cleanup:" + System.nanoTime();
		dev.smsauth.limits.RateLimiter.Limit oncePerDay = dev.smsauth.limits.RateLimiter.Limit.of(bucket, 1,
				Duration.ofDays(1));
		assertThat(limiter.reserve(oncePerDay).granted()).isTrue();
		limiter.claim(bucket + ":claim", Duration.ofMinutes(1));
		clock.advance(Duration.ofHours(23));
		cleanup.run();
		assertThat(limiter.reserve(oncePerDay).granted()).as("a hit inside its window is kept").isFalse();

		clock.advance(Duration.ofHours(1).plusSeconds(1));
		CleanupReport report = cleanup.run();

		assertThat(report.rateLimitRows()).isGreaterThanOrEqualTo(3);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM rate_limit_hit WHERE bucket = :b").param("b", bucket)
			.query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM rate_limit_counter WHERE bucket LIKE :b").param("b", bucket + "%")
			.query(Integer.class).single()).isZero();
		assertThat(limiter.reserve(oncePerDay).granted()).as("its lock row comes back on the next reservation").isTrue();
		assertThat(limiter.reserve(oncePerDay).granted()).isFalse();
	}

	@Test
	void whenSubWindowCountsAreOlderThanTheLongestWindowAndItsSubWindowThenDeletedAndALimitStillHolds() {
		dev.smsauth.limits.RateLimiter limiter = context.getBean(dev.smsauth.limits.RateLimiter.class);
		String bucket = "test:cleanup-sub-window:" + System.nanoTime();
		dev.smsauth.limits.RateLimiter.Limit oncePerDay = dev.smsauth.limits.RateLimiter.Limit.of(bucket, 1,
				Duration.ofDays(1)).countedInSubWindows();
		assertThat(limiter.reserve(oncePerDay).granted()).isTrue();
		clock.advance(Duration.ofDays(1));
		cleanup.run();
		assertThat(subWindowRows(bucket)).as("a day later its sub-window is still summed").isOne();
		assertThat(limiter.reserve(oncePerDay).granted()).isFalse();

		clock.advance(oncePerDay.subWindow());
		CleanupReport report = cleanup.run();

		assertThat(report.rateLimitRows()).isGreaterThanOrEqualTo(1);
		assertThat(subWindowRows(bucket)).isZero();
		assertThat(limiter.reserve(oncePerDay).granted()).isTrue();
		assertThat(limiter.reserve(oncePerDay).granted()).isFalse();
	}

	@Test
	void whenTheCleanupLooksForOldSubWindowCountsThenTheDatabaseUsesTheStartIndex() {
		String plan = jdbc.sql("EXPLAIN " + CleanupJob.RATE_LIMIT_SUB_WINDOWS.selectBatch())
			.param("cutoff", Timestamp.from(clock.instant()))
			.param("limit", 100)
			.query(String.class)
			.single();
		assertThat(plan).contains("IX_RATE_LIMIT_SUB_WINDOW_START");
	}

	private int subWindowRows(String bucket) {
		return jdbc.sql("SELECT COUNT(*) FROM rate_limit_sub_window WHERE bucket = :b").param("b", bucket)
			.query(Integer.class).single();
	}

	@Test
	void whenSmsChallengeOlderThanOneDayThenDeletedAndRecentOneStays() {
		Instant now = clock.instant();
		String old = insertChallenge(now.minus(Duration.ofDays(1)).minusSeconds(1));
		String recent = insertChallenge(now.minus(Duration.ofMinutes(30)));
		String yesterdayButInside = insertChallenge(now.minus(Duration.ofHours(23)));

		cleanup.run();

		assertThat(jdbc.sql("SELECT id FROM sms_challenge WHERE id IN (:ids)")
			.param("ids", List.of(old, recent, yesterdayButInside))
			.query(String.class)
			.list()).containsExactlyInAnyOrder(recent, yesterdayButInside);
	}

	@Test
	void whenManyOutboxMessagesExpiredThenAllGoInBatchesAndRecentOnesStay() {
		String oldNumber = newPhone();
		String recentNumber = newPhone();
		Timestamp twoDaysAgo = Timestamp.from(clock.instant().minus(Duration.ofDays(2)));
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < 1_200; i++) {
			rows.add(new Object[] { oldNumber, "old message " + i, twoDaysAgo });
		}
		jdbcTemplate.batchUpdate("INSERT INTO sms_outbox (to_number, text, sent_at) VALUES (?, ?, ?)", rows);
		jdbcTemplate.update("INSERT INTO sms_outbox (to_number, text, sent_at) VALUES (?, ?, ?)", recentNumber,
				"recent message", Timestamp.from(clock.instant().minus(Duration.ofHours(2))));

		CleanupReport report = cleanup.run();

		assertThat(report.smsOutbox()).isGreaterThanOrEqualTo(1_200);
		assertThat(outboxRows(oldNumber)).isZero();
		assertThat(outboxRows(recentNumber)).isEqualTo(1);
	}

	@Test
	void whenRotatedRefreshTokenOlderThanTwoDaysThenForgotten() {
		Instant now = clock.instant();
		String old = insertHistory(now.minus(Duration.ofDays(2)).minusSeconds(1));
		String recent = insertHistory(now.minus(Duration.ofDays(1)));

		cleanup.run();

		assertThat(jdbc.sql("SELECT token_hash FROM refresh_token_history WHERE token_hash IN (:ids)")
			.param("ids", List.of(old, recent))
			.query(String.class)
			.list()).containsExactly(recent);
	}

	@Test
	void whenAuditEventOlderThanRetentionThenDeletedAndYoungerStays() {
		String marker = "cleanup-" + UUID.randomUUID();
		Instant now = clock.instant();
		insertAudit(marker + "-old", now.minus(Duration.ofDays(366)));
		insertAudit(marker + "-young", now.minus(Duration.ofDays(364)));

		cleanup.run();

		assertThat(jdbc.sql("SELECT details FROM audit_event WHERE details LIKE :m")
			.param("m", marker + "%")
			.query(String.class)
			.list()).containsExactly(marker + "-young");
	}

	@Test
	void whenRunTwiceThenSecondRunFindsNothingOfTheSameRows() {
		String number = newPhone();
		jdbcTemplate.update("INSERT INTO sms_outbox (to_number, text, sent_at) VALUES (?, ?, ?)", number, "old",
				Timestamp.from(clock.instant().minus(Duration.ofDays(3))));
		cleanup.run();

		// What a second node running at the same moment would see: nothing left, nothing fails.
		CleanupReport again = cleanup.run();

		assertThat(again.smsOutbox()).isZero();
		assertThat(outboxRows(number)).isZero();
	}

	private String grantHolding(String clientId, String condition) {
		return jdbc.sql("SELECT a.id FROM oauth2_authorization a JOIN oauth2_registered_client c ON a.registered_client_id = c.id "
				+ "WHERE c.client_id = :client AND a." + condition)
			.param("client", clientId)
			.query(String.class)
			.single();
	}

	private List<String> grantIds(String clientId) {
		return jdbc.sql("SELECT a.id FROM oauth2_authorization a JOIN oauth2_registered_client c ON a.registered_client_id = c.id "
				+ "WHERE c.client_id = :client")
			.param("client", clientId)
			.query(String.class)
			.list();
	}

	private String registeredId(String clientId) {
		return jdbc.sql("SELECT id FROM oauth2_registered_client WHERE client_id = :client")
			.param("client", clientId)
			.query(String.class)
			.single();
	}

	private String insertPendingConsent(String clientId, String principal) {
		String id = UUID.randomUUID().toString();
		jdbc.sql("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type, state) "
				+ "VALUES (:id, :client, :principal, 'authorization_code', 'consent-state')")
			.param("id", id)
			.param("client", registeredId(clientId))
			.param("principal", principal)
			.update();
		return id;
	}

	private void insertConsent(String clientId, String principal) {
		jdbc.sql("INSERT INTO oauth2_authorization_consent (registered_client_id, principal_name, authorities) "
				+ "VALUES (:client, :principal, 'SCOPE_openid')")
			.param("client", registeredId(clientId))
			.param("principal", principal)
			.update();
	}

	private String insertChallenge(Instant createdAt) {
		String id = UUID.randomUUID().toString();
		jdbc.sql("INSERT INTO sms_challenge (id, user_id, phone_number, purpose, code_hash, status, failed_attempts, created_at, expires_at) "
				+ "VALUES (:id, :user, :phone, 'SIGN_IN', :hash, 'VERIFIED', 0, :created, :expires)")
			.param("id", id)
			.param("user", UUID.randomUUID().toString())
			.param("phone", newPhone())
			.param("hash", "0".repeat(64))
			.param("created", Timestamp.from(createdAt))
			.param("expires", Timestamp.from(createdAt.plus(Duration.ofMinutes(5))))
			.update();
		return id;
	}

	private String insertHistory(Instant rotatedAt) {
		String hash = UUID.randomUUID().toString().replace("-", "");
		jdbc.sql("INSERT INTO refresh_token_history (token_hash, authorization_id, rotated_at) VALUES (:hash, 'gone', :at)")
			.param("hash", hash)
			.param("at", Timestamp.from(rotatedAt))
			.update();
		return hash;
	}

	private void insertAudit(String details, Instant occurredAt) {
		jdbc.sql("INSERT INTO audit_event (occurred_at, event, actor_type, details) VALUES (:at, 'USER_CREATED', 'SYSTEM', :details)")
			.param("at", Timestamp.from(occurredAt))
			.param("details", details)
			.update();
	}

	private int outboxRows(String number) {
		return jdbc.sql("SELECT COUNT(*) FROM sms_outbox WHERE to_number = :to")
			.param("to", number)
			.query(Integer.class)
			.single();
	}

}
