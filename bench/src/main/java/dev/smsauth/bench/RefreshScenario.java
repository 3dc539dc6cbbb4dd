package dev.smsauth.bench;

import java.util.Map;

/**
 * The relying party refreshes: each worker holds the refresh token of its own sign-in and always
 * presents the newest one, since the server rotates it (and revokes the grant when an old one is
 * replayed). The answer carries a new access token, refresh token and ID token.
 */
final class RefreshScenario implements Scenario {

	private final Provider provider;

	/** One refresh answer's tokens as the provider issued them, for the signing floor. */
	private volatile Tokens issued;

	RefreshScenario(Provider provider) {
		this.provider = provider;
	}

	@Override
	public String name() {
		return "refresh_token";
	}

	@Override
	public Operation worker(int index, Http http) {
		Tokens first = provider.signIn(http, index);
		String authorization = Http.basic(first.client().clientId(), first.client().clientSecret());
		String tokenEndpoint = provider.endpoints().token();
		String[] current = { first.refreshToken() };
		return () -> {
			Response answer = http.postForm(tokenEndpoint, Map.of("grant_type", "refresh_token", "refresh_token", current[0]),
					"Authorization", authorization);
			if (answer.status() != 200) {
				// The chain is broken (the grant may be revoked): start a new one, and count the error.
				current[0] = provider.signIn(http, index).refreshToken();
				answer.expect(200, "refresh");
			}
			String rotated = Json.string(answer.body(), "refresh_token");
			if (rotated == null || rotated.equals(current[0]) || Json.string(answer.body(), "id_token") == null) {
				throw new BenchException("refresh did not rotate the refresh token or brought no ID token");
			}
			current[0] = rotated;
			if (issued == null) {
				issued = new Tokens(Json.string(answer.body(), "access_token"), rotated, Json.string(answer.body(), "id_token"), null);
			}
		};
	}

	@Override
	public double floorMs(Floor floor) {
		return floor.refresh();
	}

	@Override
	public SigningFloor signingFloor(Floor floor) {
		Tokens answer = issued;
		return answer == null ? SigningFloor.NONE : SigningFloor.refresh(answer, floor);
	}

	@Override
	public Target target(Floor floor) {
		// Issue 15: within 1.3x its floor (two RS256 signatures, the client secret's SHA-256).
		return Target.cpuMs("<= 1.3x floor", 1.3 * floor.refresh());
	}

}
