package dev.smsauth.stats;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.smsauth.sms.vonage.VonageFake;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.MutableClock;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import dev.smsauth.support.TestClockConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/sms/stats} over real HTTP, from rows written by real sends: +1 numbers through
 * the outbox (delivered at once, no price), +44 numbers through the real Vonage SDK against a
 * WireMock Vonage that reports a price, one refused by Vonage (HTTP 500). Exact counts per day,
 * application, provider, calling code and currency; UTC days; every bad parameter a 400 naming it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:stats-${random.uuid};DB_CLOSE_DELAY=-1", "auth.issuer=",
				VonageFake.OWN_MANAGEMENT_SECRET, VonageFake.OWN_HMAC_KEY, VonageFake.OWN_KEY_ENCRYPTION_KEY,
				"auth.sms.routes.default=outbox", "auth.sms.routes.44=vonage", "auth.sms.outbox.allow-in-production=true",
				"auth.sms.vonage.api-key=" + VonageFake.API_KEY, "auth.sms.vonage.api-secret=" + VonageFake.API_SECRET,
				"auth.sms.vonage.from=" + VonageFake.FROM, "auth.sms.vonage.timeout=10s" })
@Import(TestClockConfig.class)
class SmsStatsApiTests {

	static final WireMockServer VONAGE = VonageFake.start();

	static final String REDIRECT = "https://stats.example.com/cb";

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	String base;

	ManagementClient api;

	@DynamicPropertySource
	static void vonageBaseUri(DynamicPropertyRegistry registry) {
		registry.add("auth.sms.vonage.base-uri", VONAGE::baseUrl);
	}

	@AfterAll
	static void stopVonage() {
		VONAGE.stop();
	}

	@BeforeEach
	void setUp() {
		clock.reset();
		VONAGE.resetAll();
		base = "http://localhost:" + port;
		api = new ManagementClient(base, "management-cli", VonageFake.MANAGEMENT_SECRET);
	}

	@Test
	void whenCodesWentThroughOutboxAndVonageThenOneItemPerApplicationProviderAndCallingCodeWithExactCounts() {
		String shop = api.createApplication(app("Stats shop")).get("clientId").asString();
		String other = api.createApplication(app("Stats other")).get("clientId").asString();
		api.createUser("stats-us", "+14155550701", "stats-us-password");
		api.createUser("stats-uk", "+447700900701", "stats-uk-password");
		api.createUser("stats-uk-down", "+447700900702", "stats-uk-down-password");

		// +1 through the outbox, verified.
		SignInFlow us = signedIn(shop, "stats-us", "stats-us-password");
		us.sendCode();
		assertThat(us.verify(api.latestCode("+14155550701")).location()).startsWith(REDIRECT + "?code=");

		// +44 through Vonage, twice (one cooldown apart), the second code verified.
		VONAGE.stubFor(post(urlEqualTo("/sms/json")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(VonageFake.accepted("447700900701", "stats-msg-1"))));
		SignInFlow uk = signedIn(shop, "stats-uk", "stats-uk-password");
		uk.sendCode();
		clock.advance(Duration.ofMinutes(2));
		// Vonage gives every message its own id (the part table's key).
		VONAGE.stubFor(post(urlEqualTo("/sms/json")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(VonageFake.accepted("447700900701", "stats-msg-2"))));
		assertThat(uk.sendCode().alerts()).isEqualTo("We sent a code by SMS.");
		assertThat(uk.verify(lastVonageCode()).location()).startsWith(REDIRECT + "?code=");

		// +44 while Vonage is down: refused, counted as failed for Vonage.
		VONAGE.resetAll();
		VONAGE.stubFor(post(urlEqualTo("/sms/json")).willReturn(aResponse().withStatus(500)));
		SignInFlow down = signedIn(other, "stats-uk-down", "stats-uk-down-password");
		down.sendCode();

		String today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
		List<String> expected = new ArrayList<>(List.of(
				// The dev outbox reports its price: nothing, in no currency.
				item(today, shop, "outbox", "1", 1, 1, 0, 1, "0", null),
				item(today, shop, "vonage", "44", 2, 0, 0, 1, "0.0666", "EUR"),
				item(today, other, "vonage", "44", 0, 0, 1, 0, null, null)));
		expected.sort(Comparator.comparing((String json) -> json.substring(json.indexOf("\"clientId\""))));
		ManagementClient.Response answer = api.call("GET", "/api/v1/sms/stats?from=" + today + "&to=" + today, null);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("items").toString())
			.isEqualTo(("[" + String.join(",", expected) + "]"));
		// Without dates: the last 30 days, today included; one application only.
		assertThat(api.call("GET", "/api/v1/sms/stats?clientId=" + other, null).json().get("items").toString())
			.isEqualTo("[" + item(today, other, "vonage", "44", 0, 0, 1, 0, null, null) + "]");
		String yesterday = LocalDate.parse(today).minusDays(1).toString();
		assertThat(api.call("GET", "/api/v1/sms/stats?from=" + yesterday + "&to=" + yesterday, null).json()
			.get("items").toString()).isEqualTo("[]");
	}

	@Test
	void whenMessagesAreEitherSideOfMidnightUtcThenTheyCountOnTheirOwnUtcDays() {
		String client = "midnight-" + UUID.randomUUID();
		LocalDate day = LocalDate.of(2025, 3, 30);
		Instant midnight = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		insert(client, "delivered", midnight.minusMillis(1));
		insert(client, "delivered", midnight.minusSeconds(3600));
		insert(client, "failed", midnight);
		String items = api.call("GET", "/api/v1/sms/stats?from=2025-03-30&to=2025-03-31&clientId=" + client, null).json()
			.get("items").toString();
		assertThat(items).isEqualTo("[" + item("2025-03-30", client, "outbox", "1", 2, 2, 0, 0, null, null) + ","
				+ item("2025-03-31", client, "outbox", "1", 1, 0, 1, 0, null, null) + "]");
	}

	@Test
	void whenParametersAreBadThen400NamingTheFieldAndWithoutTokenThen401() {
		Map<String, String> bad = Map.of("from=2025-13-01", "from", "to=yesterday", "to", "from=2025-02-01&to=2025-01-31",
				"from", "from=2024-01-01&to=2025-03-01", "from", "clientId=" + "x".repeat(101), "clientId");
		bad.forEach((query, field) -> {
			ManagementClient.Response answer = api.call("GET", "/api/v1/sms/stats?" + query, null);
			assertThat(answer.status()).as(query).isEqualTo(400);
			assertThat(answer.contentType()).as(query).startsWith("application/problem+json");
			assertThat(answer.body()).as(query).contains("\"field\":\"" + field + "\"");
		});
		assertThat(api.call("GET", "/api/v1/sms/stats?from=2024-02-01&to=2025-03-05", null).status())
			.as("400 days").isEqualTo(200);
		assertThat(new TestBrowser(base).get("/api/v1/sms/stats").status()).isEqualTo(401);
	}

	private void insert(String client, String status, Instant at) {
		jdbc.update("INSERT INTO sms_message (id, purpose, client_id, provider, calling_code, to_masked, parts, status, "
				+ "verified, created_at, status_at) VALUES (?, 'code', ?, 'outbox', '1', '+1 *** 01', 1, ?, FALSE, ?, ?)",
				UUID.randomUUID().toString(), client, status, Timestamp.from(at), Timestamp.from(at));
	}

	static String item(String day, String clientId, String provider, String callingCode, int sent, int delivered,
			int failed, int verified, String cost, String currency) {
		return "{\"day\":\"" + day + "\",\"clientId\":\"" + clientId + "\",\"provider\":\"" + provider
				+ "\",\"callingCode\":\"" + callingCode + "\",\"sent\":" + sent + ",\"delivered\":" + delivered
				+ ",\"failed\":" + failed + ",\"verified\":" + verified + ",\"cost\":" + cost + ",\"currency\":"
				+ (currency == null ? "null" : "\"" + currency + "\"") + "}";
	}

	private String lastVonageCode() {
		List<LoggedRequest> sent = VONAGE.findAll(postRequestedFor(urlEqualTo("/sms/json")));
		String form = URLDecoder.decode(sent.get(sent.size() - 1).getBodyAsString(), StandardCharsets.UTF_8);
		Matcher code = Pattern.compile("text=(\\d{6}) ").matcher(form);
		assertThat(code.find()).as(form).isTrue();
		return code.group(1);
	}

	private SignInFlow signedIn(String clientId, String username, String password) {
		TestBrowser browser = new TestBrowser(base);
		SignInFlow flow = new SignInFlow(browser, clientId, REDIRECT);
		flow.authorize("openid", Map.of());
		assertThat(flow.signIn(username, password).location()).startsWith(base + "/mfa/sms");
		return flow;
	}

	private static String app(String name) {
		return "{\"name\":\"" + name + "\",\"redirectUris\":[\"" + REDIRECT + "\"],\"scopes\":[\"openid\"],"
				+ "\"mfa\":{\"sms\":true}}";
	}

}
