package dev.smsauth.bench;

import java.util.Map;

/**
 * A resource server or relying party presents a user's access token: at the userinfo endpoint
 * (bearer), or at the introspection endpoint (with the application's credentials). The token
 * comes from one full sign-in per worker before the warm-up.
 */
final class BearerScenario implements Scenario {

	enum Kind {
		USERINFO, INTROSPECTION
	}

	private final Provider provider;

	private final Kind kind;

	BearerScenario(Provider provider, Kind kind) {
		this.provider = provider;
		this.kind = kind;
	}

	@Override
	public String name() {
		return kind == Kind.USERINFO ? "userinfo" : "introspection";
	}

	@Override
	public Operation worker(int index, Http http) {
		Tokens tokens = provider.signIn(http, index);
		String accessToken = tokens.accessToken();
		Endpoints endpoints = provider.endpoints();
		if (kind == Kind.USERINFO) {
			String bearer = "Bearer " + accessToken;
			return () -> {
				Response answer = http.get(endpoints.userinfo(), "Authorization", bearer).expect(200, "userinfo");
				if (!answer.body().contains("\"sub\"")) {
					throw new BenchException("userinfo without sub: " + answer.body());
				}
			};
		}
		if (endpoints.introspection() == null) {
			throw new BenchException("the provider advertises no introspection_endpoint");
		}
		String authorization = Http.basic(tokens.client().clientId(), tokens.client().clientSecret());
		Map<String, String> form = Map.of("token", accessToken);
		return () -> {
			Response answer = http.postForm(endpoints.introspection(), form, "Authorization", authorization).expect(200, "introspect");
			if (!Boolean.TRUE.equals(Json.bool(answer.body(), "active"))) {
				throw new BenchException("token not active: " + answer.body());
			}
		};
	}

	@Override
	public double floorMs(Floor floor) {
		// userinfo verifies the token's RS256 signature; introspection authenticates the client (SHA-256).
		return kind == Kind.USERINFO ? floor.rs256VerifyMs() : floor.sha256Ms();
	}

	@Override
	public Target target(Floor floor) {
		// Issue 15: 4,000 per CPU-second with the database inside the server (H2), 3,000 over JDBC to
		// MariaDB, whose own CPU is reported apart.
		return Target.ratePerCpuSecond(provider.databaseInProcess() ? 4000 : 3000);
	}

}
