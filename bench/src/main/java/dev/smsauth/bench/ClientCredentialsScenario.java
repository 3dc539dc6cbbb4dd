package dev.smsauth.bench;

import java.util.Map;

/** A service asks for an access token with its id and secret (client_secret_basic). */
final class ClientCredentialsScenario implements Scenario {

	private final Fixtures fixtures;

	private final boolean referenceTokens;

	ClientCredentialsScenario(Fixtures fixtures) {
		this(fixtures, false);
	}

	/** With {@code referenceTokens}, the application's access tokens are opaque (no RS256 signature). */
	ClientCredentialsScenario(Fixtures fixtures, boolean referenceTokens) {
		this.fixtures = fixtures;
		this.referenceTokens = referenceTokens;
	}

	@Override
	public String name() {
		return referenceTokens ? "client_credentials_reference" : "client_credentials";
	}

	@Override
	public Operation worker(int index, Http http) {
		Management.App app = referenceTokens ? fixtures.referenceTokenApp() : fixtures.clientCredentialsApp();
		String authorization = Http.basic(app.clientId(), app.clientSecret());
		Map<String, String> form = Map.of("grant_type", "client_credentials", "scope", "bench.read");
		return () -> {
			Response answer = http.postForm("/oauth2/token", form, "Authorization", authorization).expect(200, "token");
			if (!answer.body().contains("\"access_token\"")) {
				throw new BenchException("no access_token: " + answer.body());
			}
		};
	}

	@Override
	public double floorMs(Floor floor) {
		return referenceTokens ? floor.sha256Ms() : floor.clientCredentials();
	}

	@Override
	public Target target(Floor floor) {
		if (referenceTokens) {
			return Target.cpuMs(">= 1500/CPU-s (reference tokens)", 1000.0 / 1500);
		}
		// 500 per CPU-second, and within 1.3x the RS256 signing floor: whichever is stricter.
		double budget = Math.min(1000.0 / 500, 1.3 * floor.rs256SignMs());
		return Target.cpuMs(">= 500/CPU-s, <= 1.3x RS256 sign", budget);
	}

}
