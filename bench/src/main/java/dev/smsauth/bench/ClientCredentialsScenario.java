package dev.smsauth.bench;

import java.util.Map;
import java.util.function.Supplier;

/** A service asks for an access token with its id and secret (client_secret_basic). */
final class ClientCredentialsScenario implements Scenario {

	private final Provider provider;

	private final Supplier<Management.App> client;

	/** What the application's access tokens are: the default RS256 JWT, an ES256 JWT, or opaque. */
	enum TokenKind {
		RS256("client_credentials"), ES256("client_credentials_es256"), REFERENCE("client_credentials_reference");

		private final String scenario;

		TokenKind(String scenario) {
			this.scenario = scenario;
		}
	}

	private final TokenKind kind;

	/** One answer's tokens as the provider issued them, for the signing floor (their headers name the algorithms). */
	private volatile Tokens issued;

	ClientCredentialsScenario(Provider provider) {
		this(provider, provider::serviceClient, TokenKind.RS256);
	}

	private ClientCredentialsScenario(Provider provider, Supplier<Management.App> client, TokenKind kind) {
		this.provider = provider;
		this.client = client;
		this.kind = kind;
	}

	/** Our application configured for opaque (reference) access tokens: no signature per grant. */
	static ClientCredentialsScenario referenceTokens(OurProvider ours) {
		return new ClientCredentialsScenario(ours, ours.fixtures()::referenceTokenApp, TokenKind.REFERENCE);
	}

	/** Our application with {@code accessTokenSignedResponseAlg: ES256}: a P-256 signature per grant. */
	static ClientCredentialsScenario es256(OurProvider ours) {
		return new ClientCredentialsScenario(ours, ours.fixtures()::es256App, TokenKind.ES256);
	}

	@Override
	public String name() {
		return kind.scenario;
	}

	@Override
	public Operation worker(int index, Http http) {
		Management.App app = client.get();
		String authorization = Http.basic(app.clientId(), app.clientSecret());
		Map<String, String> form = provider.serviceScope() == null ? Map.of("grant_type", "client_credentials")
				: Map.of("grant_type", "client_credentials", "scope", provider.serviceScope());
		String tokenEndpoint = provider.endpoints().token();
		if (kind != TokenKind.REFERENCE) {
			// Once, outside the window: the application really gets tokens of the algorithm measured.
			String token = Json.string(http.postForm(tokenEndpoint, form, "Authorization", authorization).expect(200, "token").body(),
					"access_token");
			String header = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
					java.nio.charset.StandardCharsets.UTF_8);
			if (!kind.name().equals(Json.string(header, "alg"))) {
				throw new BenchException(name() + ": the access token is signed with " + header + ", not " + kind);
			}
		}
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
		return switch (kind) {
			case RS256 -> floor.clientCredentials();
			case ES256 -> floor.es256SignMs() + floor.sha256Ms();
			case REFERENCE -> floor.sha256Ms();
		};
	}

	@Override
	public SigningFloor signingFloor(Floor floor) {
		Tokens answer = issued;
		return answer == null ? SigningFloor.NONE : SigningFloor.clientCredentials(answer, floor);
	}

	@Override
	public Target target(Floor floor) {
		return switch (kind) {
			// Issue 15: within 1.2x its floor (the RS256 signature and the secret's SHA-256).
			case RS256 -> Target.cpuMs("<= 1.2x floor (RS256 sign)", 1.2 * floor.clientCredentials());
			// Issue 15: 1,500 grants per CPU-second with ES256.
			case ES256 -> Target.ratePerCpuSecond(1500);
			case REFERENCE -> Target.cpuMs(">= 1500/CPU-s (reference tokens)", 1000.0 / 1500);
		};
	}

}
