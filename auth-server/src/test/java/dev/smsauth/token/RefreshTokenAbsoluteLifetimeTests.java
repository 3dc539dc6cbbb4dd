package dev.smsauth.token;

import java.time.Duration;
import java.util.List;

import dev.smsauth.support.Api;
import dev.smsauth.support.Api.Answer;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.GrantRaces;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.MutableClock;
import dev.smsauth.support.TokenEndpoint;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A grant's refresh tokens end a fixed time after the first one (the application's
 * {@code refreshTokenAbsoluteLifetime}, 30 days by default), however often they were rotated:
 * before, every rotated token got a fresh day, so a client refreshing daily kept its grant forever.
 */
@AuthServerTest
class RefreshTokenAbsoluteLifetimeTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	String base;

	@BeforeEach
	void setUp() {
		clock.reset();
		base = "http://localhost:" + port;
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void whenRefreshedEveryTwentyHoursThenTheGrantEndsThirtyDaysAfterTheFirstTokenAndRotationNeverMovedThatEnd() {
		GrantRaces.Ready ready = GrantRaces.signedIn(base, new ManagementClient(base), "daily-refresher");
		TokenEndpoint.Answer tokens = exchange(ready);

		// 35 rotations, each well within the one-day lifetime of the token before it: 700 hours.
		for (int i = 1; i <= 35; i++) {
			clock.advance(Duration.ofHours(20));
			tokens = refreshed(ready, tokens, "rotation " + i);
		}
		clock.advance(Duration.ofHours(20)); // 720 hours = 30 days after the first refresh token

		TokenEndpoint.Answer refused = ready.endpoint().refresh(base, tokens.get("refresh_token"));
		assertThat(refused.status()).as("%s", refused).isEqualTo(400);
		assertThat(refused.error()).isEqualTo("invalid_grant");
		assertThat(ready.endpoint().active(base, tokens.get("access_token"))).as("the grant is gone").isFalse();
	}

	@Test
	void whenTheApplicationSetsFortyEightHoursThenJustBeforeThemARefreshWorksAndAtThemItIsRefused() {
		ManagementClient admin = new ManagementClient(base);
		GrantRaces.Ready ready = GrantRaces.signedIn(base, admin, "two-day-refresher");
		Answer patched = Api.management(base).patch("/api/v1/applications/" + ready.endpoint().clientId(),
				"{\"refreshTokenAbsoluteLifetime\":\"PT48H\"}");
		assertThat(patched.status()).as("%s", patched).isEqualTo(200);
		TokenEndpoint.Answer tokens = exchange(ready);

		clock.advance(Duration.ofHours(24));
		tokens = refreshed(ready, tokens, "after a day");
		clock.advance(Duration.ofHours(24).minusSeconds(1));
		tokens = refreshed(ready, tokens, "a second before 48 hours");
		clock.advance(Duration.ofSeconds(1));

		TokenEndpoint.Answer refused = ready.endpoint().refresh(base, tokens.get("refresh_token"));
		assertThat(refused.error()).as("%s", refused).isEqualTo("invalid_grant");
	}

	@Test
	void whenTheLifetimeIsNotAnIsoDurationFromAnHourToAYearThen400NamingItAndOtherwiseShownAndChangeable() {
		Api api = Api.management(base);
		SoftAssertions softly = new SoftAssertions();
		for (String bad : List.of("thirty days", "30", "P1M", "PT59M", "P366D", "-P30D", "P0D", "")) {
			Answer answer = api.post("/api/v1/applications", machine(",\"refreshTokenAbsoluteLifetime\":" + Api.quote(bad)));
			softly.assertThat(answer.status()).as("%s: %s", bad, answer).isEqualTo(400);
			softly.assertThat(answer.isProblem()).as("%s: %s", bad, answer).isTrue();
			softly.assertThat(answer.firstErrorField()).as("%s", bad).isEqualTo("refreshTokenAbsoluteLifetime");
		}
		Answer numeric = api.post("/api/v1/applications", machine(",\"refreshTokenAbsoluteLifetime\":30"));
		softly.assertThat(numeric.status()).as("%s", numeric).isEqualTo(400);

		Answer byDefault = api.post("/api/v1/applications", machine(""));
		softly.assertThat(byDefault.json().get("refreshTokenAbsoluteLifetime").asString()).isEqualTo("P30D");
		String path = "/api/v1/applications/" + byDefault.json().get("clientId").asString();
		Answer week = api.patch(path, "{\"refreshTokenAbsoluteLifetime\":\"P7D\"}");
		softly.assertThat(week.status()).as("%s", week).isEqualTo(200);
		softly.assertThat(api.get(path).json().get("refreshTokenAbsoluteLifetime").asString()).isEqualTo("P7D");
		softly.assertThat(api.patch(path, "{\"refreshTokenAbsoluteLifetime\":\"PT36H\"}").json()
			.get("refreshTokenAbsoluteLifetime").asString()).isEqualTo("PT36H");
		Answer nulled = api.patch(path, "{\"refreshTokenAbsoluteLifetime\":null}");
		softly.assertThat(nulled.status()).as("%s", nulled).isEqualTo(400);
		softly.assertThat(nulled.firstErrorField()).isEqualTo("refreshTokenAbsoluteLifetime");
		Answer tooLong = api.patch(path, "{\"refreshTokenAbsoluteLifetime\":\"P400D\"}");
		softly.assertThat(tooLong.firstErrorField()).as("%s", tooLong).isEqualTo("refreshTokenAbsoluteLifetime");
		softly.assertThat(api.get(path).json().get("refreshTokenAbsoluteLifetime").asString()).isEqualTo("PT36H");
		softly.assertAll();
	}

	private static String machine(String member) {
		return "{\"name\":\"Lifetime app\",\"grantTypes\":[\"authorization_code\",\"refresh_token\"],"
				+ "\"redirectUris\":[\"https://rp.example.com/cb\"]" + member + "}";
	}

	private TokenEndpoint.Answer exchange(GrantRaces.Ready ready) {
		TokenEndpoint.Answer tokens = ready.endpoint().redeem(base, ready.code(), ready.verifier());
		assertThat(tokens.status()).as("%s", tokens).isEqualTo(200);
		return tokens;
	}

	private TokenEndpoint.Answer refreshed(GrantRaces.Ready ready, TokenEndpoint.Answer tokens, String when) {
		TokenEndpoint.Answer next = ready.endpoint().refresh(base, tokens.get("refresh_token"));
		assertThat(next.status()).as("%s: %s", when, next).isEqualTo(200);
		assertThat(next.get("refresh_token")).as(when).isNotEqualTo(tokens.get("refresh_token"));
		return next;
	}

}
