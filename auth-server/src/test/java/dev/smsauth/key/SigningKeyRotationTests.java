package dev.smsauth.key;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.smsauth.support.Api;
import dev.smsauth.support.Api.Answer;
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
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static dev.smsauth.key.Jwts.assertVerifies;
import static dev.smsauth.key.Jwts.kid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotation seen from outside, over HTTP: a new key is published at once, signs only after the
 * publication delay, and the replaced key stays published until the tokens it signed have expired.
 * Time moves with the test clock; {@link SigningKeyStore#refresh()} stands in for the next periodic
 * refresh. The clock only moves forward in this class (its own context), so the tests can follow
 * each other in any order.
 */
@AuthServerTest
// The defaults, spelled out so the clock moves below read against them.
@TestPropertySource(properties = { "auth.keys.publish-before-use=10m", "auth.keys.retain-after-retirement=1d",
		"auth.keys.refresh-every=1m", "auth.keys.jwks-max-age=5m" })
class SigningKeyRotationTests {

	static final Duration PUBLISH_BEFORE_USE = Duration.ofMinutes(10);

	static final Duration RETIREMENT = Duration.ofDays(1).plus(Duration.ofMinutes(1));

	static final String REDIRECT = "https://rp.example.com/cb";

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	SigningKeyStore store;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext context;

	Api api;

	@BeforeEach
	void connectAndFinishEarlierRotations() {
		api = Api.management("http://localhost:" + port);
		jdbc.sql("SELECT activates_at FROM signing_key WHERE status = 'NEXT'")
			.query(Timestamp.class)
			.optional()
			.ifPresent(activatesAt -> moveClockTo(activatesAt.toInstant().plusSeconds(1)));
		store.refresh();
		// Time passes between key creations (a still clock would give two keys the same created_at).
		clock.advance(Duration.ofSeconds(1));
	}

	@Test
	void whenRotatedThenTheNewKeyIsInTheJwksAtOnceButTokensAreStillSignedWithTheOldOne() throws Exception {
		String oldKid = kid(freshToken());

		Answer rotated = rotate();

		assertThat(rotated.status()).as("%s", rotated).isEqualTo(202);
		assertThat(rotated.json().size()).as("one algorithm in use: RS256").isEqualTo(1);
		assertThat(rotated.json().get(0).get("algorithm").asString()).isEqualTo("RS256");
		String newKid = rotated.json().get(0).get("kid").asString();
		assertThat(newKid).isNotEqualTo(oldKid);
		assertThat(rotated.json().get(0).get("status").asString()).isEqualTo("NEXT");
		assertThat(Instant.parse(rotated.json().get(0).get("activatesAt").asString()))
			.isEqualTo(clock.instant().plus(PUBLISH_BEFORE_USE));
		assertThat(rotated.body()).doesNotContain("\"d\"").doesNotContain("v1:");

		Answer jwks = api.send("GET", "/oauth2/jwks", null, null, null);
		assertThat(JWKSet.parse(jwks.body()).getKeys()).extracting(JWK::getKeyID).contains(oldKid, newKid);
		assertThat(jwks.header("Cache-Control")).isEqualTo("public, max-age=300");

		assertThat(kid(freshToken())).as("tokens issued right after the rotation").isEqualTo(oldKid);

		JsonNode listed = api.get("/api/v1/signing-keys").json();
		assertThat(status(listed, newKid)).isEqualTo("NEXT");
		assertThat(status(listed, oldKid)).isEqualTo("ACTIVE");

		JsonNode audit = api.get("/api/v1/audit-events?event=KEY_ROTATED&limit=1").json().get("items").get(0);
		assertThat(audit.get("details").asString()).contains(newKid);
		assertThat(audit.get("actorType").asString()).isEqualTo("CLIENT");
		assertThat(audit.get("actorId").asString()).isEqualTo("management-cli");
	}

	@Test
	void whenRotatedAgainBeforeTheNewKeySignsThenTheWaitingKeyIsReturnedAndNoSecondOneAdded() {
		long auditsBefore = rotationAudits();
		String first = rotate().json().get(0).get("kid").asString();

		Answer again = rotate();

		assertThat(again.status()).isEqualTo(202);
		assertThat(again.json().get(0).get("kid").asString()).isEqualTo(first);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM signing_key WHERE status = 'NEXT'").query(Long.class).single())
			.isEqualTo(1);
		assertThat(rotationAudits()).isEqualTo(auditsBefore + 1);
	}

	@Test
	void whenThePublicationDelayHasPassedThenNewTokensCarryTheNewKidAndOlderTokensStillWork() throws Exception {
		String oldToken = freshToken();
		String oldKid = kid(oldToken);
		UserTokens user = signIn();
		assertThat(kid(user.accessToken())).isEqualTo(oldKid);
		String newKid = rotate().json().get(0).get("kid").asString();

		clock.advance(PUBLISH_BEFORE_USE.minusSeconds(1));
		store.refresh();
		assertThat(kid(freshToken())).as("a second before the delay is over").isEqualTo(oldKid);

		clock.advance(Duration.ofSeconds(2));
		store.refresh();
		Instant promotedAt = clock.instant();
		String newToken = freshToken();
		assertThat(kid(newToken)).as("after the delay").isEqualTo(newKid);

		// A relying party verifies both generations with the JWKS it fetches.
		JWKSet jwks = JWKSet.parse(api.send("GET", "/oauth2/jwks", null, null, null).body());
		for (String token : List.of(oldToken, user.accessToken(), user.idToken(), newToken)) {
			assertVerifies(jwks, token);
		}
		assertThat(kid(user.idToken())).isEqualTo(oldKid);

		// The server itself still accepts the tokens signed before the rotation.
		Answer withOldToken = api.send("GET", "/api/v1/signing-keys", oldToken, null, null);
		assertThat(withOldToken.status()).as("%s", withOldToken).isEqualTo(200);
		Answer userInfo = api.send("GET", "/userinfo", user.accessToken(), null, null);
		assertThat(userInfo.status()).as("%s", userInfo).isEqualTo(200);
		assertThat(userInfo.json().get("sub").asString()).isEqualTo(user.subject());
		assertThat(introspect(oldToken).get("active").asBoolean()).isTrue();

		JsonNode listed = withOldToken.json();
		assertThat(status(listed, newKid)).isEqualTo("ACTIVE");
		assertThat(status(listed, oldKid)).isEqualTo("RETIRED");
		Instant retireAfter = Instant.parse(find(listed, oldKid).get("retireAfter").asString());
		assertThat(retireAfter).isBetween(promotedAt.plus(RETIREMENT).minusMillis(1), promotedAt.plus(RETIREMENT).plusMillis(1));
	}

	@Test
	void whenRetainAfterRetirementHasPassedThenTheOldKeyLeavesTheJwksAndItsTokensStopWorking() throws Exception {
		String oldToken = freshToken();
		String oldKid = kid(oldToken);
		rotate();
		clock.advance(PUBLISH_BEFORE_USE.plusSeconds(1));
		store.refresh();

		clock.advance(RETIREMENT.minusSeconds(2));
		store.refresh();
		assertThat(jwksKids()).as("a second before retire_after").contains(oldKid);
		assertThat(api.send("GET", "/api/v1/signing-keys", oldToken, null, null).status()).isEqualTo(200);

		clock.advance(Duration.ofSeconds(2));
		store.refresh();
		assertThat(jwksKids()).as("after retire_after").doesNotContain(oldKid).hasSize(1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM signing_key WHERE kid = :kid").param("kid", oldKid).query(Long.class).single())
			.as("the row is deleted")
			.isZero();
		// The token itself has not expired (tokens run on real time); only its key is gone.
		assertThat(api.send("GET", "/api/v1/signing-keys", oldToken, null, null).status()).isEqualTo(401);
	}

	@Test
	void whenKeysAreStoredThenNoRowHoldsAPrivateKeyInClear() {
		rotate();
		List<String> privateExponents = new ArrayList<>();
		for (JWK key : store.verificationKeys()) {
			assertThat(key.isPrivate()).as("in memory the keys are whole").isTrue();
			privateExponents.add(key.toRSAKey().getPrivateExponent().toString());
		}
		assertThat(privateExponents).hasSizeGreaterThanOrEqualTo(2);

		List<String> rows = jdbc.sql("SELECT jwk FROM signing_key").query(String.class).list();

		assertThat(rows).hasSizeGreaterThanOrEqualTo(2);
		for (String row : rows) {
			assertThat(row).startsWith("v1:").doesNotContain("\"d\"").doesNotContain("\"kty\"");
			for (String d : privateExponents) {
				assertThat(row).doesNotContain(d);
			}
		}
		String listed = api.get("/api/v1/signing-keys").body();
		String jwks = api.send("GET", "/oauth2/jwks", null, null, null).body();
		for (String d : privateExponents) {
			assertThat(listed).doesNotContain(d);
			assertThat(jwks).doesNotContain(d);
		}
	}

	@Test
	void whenRotateEveryIsUnsetThenNothingIsScheduled() {
		assertThat(context.getBeanProvider(ScheduledRotation.class).getIfAvailable()).isNull();
	}

	// ----- helpers -----

	Answer rotate() {
		return api.send("POST", "/api/v1/signing-keys/rotate", api.token(), null, null);
	}

	/** A new token each time (the Api caches its own). */
	String freshToken() {
		Answer answer = api.clientCredentials("management-cli", "management-secret", "management");
		assertThat(answer.status()).as("%s", answer).isEqualTo(200);
		return answer.json().get("access_token").asString();
	}

	List<String> jwksKids() throws Exception {
		return JWKSet.parse(api.send("GET", "/oauth2/jwks", null, null, null).body())
			.getKeys()
			.stream()
			.map(JWK::getKeyID)
			.toList();
	}

	/** RFC 7662 introspection, authenticated as the management client. */
	JsonNode introspect(String token) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(api.base() + "/oauth2/introspect"))
				.header("Authorization", ManagementClient.basic("management-cli", "management-secret"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Api.JSON.readTree(response.body());
	}

	long rotationAudits() {
		return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE event = 'KEY_ROTATED'").query(Long.class).single();
	}

	static JsonNode find(JsonNode listed, String kid) {
		for (JsonNode key : listed) {
			if (key.get("kid").asString().equals(kid)) {
				return key;
			}
		}
		throw new AssertionError("no key " + kid + " in " + listed);
	}

	static String status(JsonNode listed, String kid) {
		return find(listed, kid).get("status").asString();
	}

	void moveClockTo(Instant target) {
		Duration ahead = Duration.between(clock.instant(), target);
		if (!ahead.isNegative()) {
			clock.advance(ahead);
		}
	}

	/** A person signs in (password only) at a fresh application; its access and ID tokens. */
	UserTokens signIn() {
		ManagementClient admin = new ManagementClient(api.base());
		JsonNode app = admin.createApplication("{\"name\":\"Rotation RP\",\"redirectUris\":[\"" + REDIRECT
				+ "\"],\"scopes\":[\"openid\",\"profile\"],\"mfa\":{\"sms\":false}}");
		String username = "rotation-" + System.nanoTime();
		JsonNode user = admin.createUser(username, null, "rotation-password-1");
		TestBrowser browser = new TestBrowser(api.base());
		SignInFlow flow = new SignInFlow(browser, app.get("clientId").asString(), REDIRECT);
		flow.authorize("openid profile", Map.of());
		TestBrowser.Page afterPassword = flow.signIn(username, "rotation-password-1");
		String code = SignInFlow.codeIn(browser.next(afterPassword));
		assertThat(code).as("authorization code").isNotNull();
		JsonNode tokens = flow.exchange(code, app.get("clientSecret").asString());
		assertThat(tokens.get("_status").asInt()).as("%s", tokens).isEqualTo(200);
		return new UserTokens(user.get("id").asString(), tokens.get("access_token").asString(),
				tokens.get("id_token").asString());
	}

	record UserTokens(String subject, String accessToken, String idToken) {
	}

}
