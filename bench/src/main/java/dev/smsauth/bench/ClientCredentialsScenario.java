package dev.smsauth.bench;

import java.util.Map;
import java.util.function.Supplier;

/** A service asks for an access token with its id and secret (client_secret_basic). */
final class ClientCredentialsScenario implements Scenario {

	private final Provider provider;

	private final Supplier<Management.App> client;

	private final boolean referenceTokens;

	/** One answer's tokens as the provider issued them, for the signing floor (their headers name the algorithms). */
	private volatile Tokens issued;

	ClientCredentialsScenario(Provider provider) {
		this(provider, provider::serviceClient, false);
	}

	private ClientCredentialsScenario(Provider provider, Supplier<Management.App> client, boolean referenceTokens) {
		this.provider = provider;
		this.client = client;
		this.referenceTokens = referenceTokens;
	}

	/** Our application configured for opaque (reference) access tokens: no RS256 signature per grant. */
	static ClientCredentialsScenario referenceTokens(OurProvider ours) {
		return new ClientCredentialsScenario(ours, ours.fixtures()::referenceTokenApp, true);
	}

	@Override
	public String name() {
		return referenceTokens ? "client_credentials_reference" : "client_credentials";
	}

	@Override
	public Operation worker(int index, Http http) {
		Management.App app = client.get();
		String authorization = Http.basic(app.clientId(), app.clientSecret());
		Map<String, String> form = provider.serviceScope() == null ? Map.of("grant_type", "client_credentials")
				: Map.of("grant_type", "client_credentials", "scope", provider.serviceScope());
		String tokenEndpoint = provider.endpoints().token();
		return () -> {
			Response answer = http.postForm(tokenEndpoint, form, "Authorization", authorization).expect(200, "token");
			if (!answer.body().contains("\"access_token\"")) {
				throw new BenchException("no access_token: " + answer.body());
			}
			if (issued == null) {
				issued = new Tokens(Json.string(answer.body(), "access_token"), Json.string(answer.body(), "refresh_token"),
						Json.string(answer.body(), "id_token"), null);
			}
		};
	}

	@Override
	public double floorMs(Floor floor) {
		return referenceTokens ? floor.sha256Ms() : floor.clientCredentials();
	}

	@Override
	public SigningFloor signingFloor(Floor floor) {
		Tokens answer = issued;
		return answer == null ? SigningFloor.NONE : SigningFloor.clientCredentials(answer, floor);
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
