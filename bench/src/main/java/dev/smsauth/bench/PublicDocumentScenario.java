package dev.smsauth.bench;

/** Relying parties fetch the JWKS or the discovery document: no authentication, no cryptography. */
final class PublicDocumentScenario implements Scenario {

	private final String name;

	private final String path;

	private final String mustContain;

	private PublicDocumentScenario(String name, String path, String mustContain) {
		this.name = name;
		this.path = path;
		this.mustContain = mustContain;
	}

	static PublicDocumentScenario jwks() {
		return new PublicDocumentScenario("jwks", "/oauth2/jwks", "\"keys\"");
	}

	static PublicDocumentScenario discovery() {
		return new PublicDocumentScenario("discovery", "/.well-known/openid-configuration", "\"issuer\"");
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public Operation worker(int index, Http http) {
		return () -> {
			Response answer = http.get(path).expect(200, name);
			if (!answer.body().contains(mustContain)) {
				throw new BenchException(name + " without " + mustContain);
			}
		};
	}

	@Override
	public double floorMs(Floor floor) {
		return Double.NaN;
	}

	@Override
	public Target target(Floor floor) {
		return Target.NONE;
	}

}
