package dev.smsauth.support;

import java.util.List;
import java.util.Map;

import dev.smsauth.support.TokenEndpoint.Answer;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many requests that use one authorization code, or one refresh token, at the same instant
 * (../shared/SECURITY.md OAuth 4 and 6; RFC 9700 4.14.2): exactly one may win; every other one is
 * a reuse, refused with 400 {@code invalid_grant} (never a 5xx), and the whole grant is revoked, so
 * even the winner's tokens stop working. The same scenarios run on H2 and on MariaDB with two nodes.
 */
public final class GrantRaces {

	public static final int RACERS = 50;

	static final String REDIRECT = "https://rp.race.test/cb";

	private GrantRaces() {
	}

	/** A confidential application, a user, and a signed-in browser holding an unredeemed code. */
	public record Ready(TokenEndpoint endpoint, String code, String verifier) {
	}

	/** Signs a fresh user in at {@code base} to a fresh application, up to the code. */
	public static Ready signedIn(String base, ManagementClient admin, String name) {
		JsonNode app = admin.createApplication("{\"name\":\"" + name + "\",\"redirectUris\":[\"" + REDIRECT
				+ "\"],\"scopes\":[\"openid\",\"offline_access\"]}");
		admin.createUser(name, null, name + "-password-1");
		TestBrowser browser = new TestBrowser(base);
		SignInFlow flow = new SignInFlow(browser, app.get("clientId").asString(), REDIRECT);
		flow.authorize("openid offline_access", Map.of());
		TestBrowser.Page toApp = browser.next(flow.signIn(name, name + "-password-1"));
		String code = SignInFlow.codeIn(toApp);
		assertThat(code).as("a code for %s", name).isNotNull();
		return new Ready(new TokenEndpoint(app.get("clientId").asString(), app.get("clientSecret").asString()), code,
				flow.pkce().verifier());
	}

	/** {@link #RACERS} refreshes with one refresh token, spread over {@code bases}. */
	public static void refreshRace(Ready ready, String... bases) throws Exception {
		TokenEndpoint endpoint = ready.endpoint();
		Answer first = endpoint.redeem(bases[0], ready.code(), ready.verifier());
		assertThat(first.status()).as("%s", first).isEqualTo(200);

		List<Answer> answers = endpoint.race(RACERS, TokenEndpoint.refreshForm(first.get("refresh_token")), bases);

		Answer winner = oneWinnerTheRestInvalidGrant(answers);
		assertThat(endpoint.active(bases[0], first.get("access_token"))).as("the first access token").isFalse();
		assertRevoked(endpoint, winner, bases);
	}

	/** {@link #RACERS} redemptions of one authorization code, spread over {@code bases}. */
	public static void codeRace(Ready ready, String... bases) throws Exception {
		TokenEndpoint endpoint = ready.endpoint();
		List<Answer> answers = endpoint.race(RACERS, TokenEndpoint.codeForm(ready.code(), REDIRECT, ready.verifier()),
				bases);

		assertRevoked(endpoint, oneWinnerTheRestInvalidGrant(answers), bases);
	}

	private static Answer oneWinnerTheRestInvalidGrant(List<Answer> answers) {
		assertThat(answers).as("no 5xx").allSatisfy(a -> assertThat(a.status()).as("%s", a).isLessThan(500));
		List<Answer> winners = answers.stream().filter(a -> a.status() == 200).toList();
		assertThat(winners).as("exactly one 200 of %s", answers).hasSize(1);
		assertThat(answers.stream().filter(a -> a.status() != 200))
			.as("every other answer")
			.hasSize(answers.size() - 1)
			.allSatisfy(a -> {
				assertThat(a.status()).as("%s", a).isEqualTo(400);
				assertThat(a.error()).as("%s", a).isEqualTo("invalid_grant");
			});
		return winners.get(0);
	}

	/** Neither token of the winner works any more, on any node. */
	private static void assertRevoked(TokenEndpoint endpoint, Answer winner, String... bases) {
		for (String base : bases) {
			assertThat(endpoint.active(base, winner.get("access_token"))).as("winner's access token at %s", base)
				.isFalse();
			assertThat(endpoint.active(base, winner.get("refresh_token"))).as("winner's refresh token at %s", base)
				.isFalse();
		}
		Answer again = endpoint.refresh(bases[bases.length - 1], winner.get("refresh_token"));
		assertThat(again.status()).as("%s", again).isEqualTo(400);
		assertThat(again.error()).isEqualTo("invalid_grant");
	}

}
