package dev.smsauth.bench;

/**
 * Where a provider's protocol endpoints are: paths on our server, absolute URLs from another
 * provider's discovery document. {@link Http} takes either.
 *
 * @param introspection null when the provider does not advertise one
 */
record Endpoints(String authorization, String token, String userinfo, String introspection) {

	/** Our server's, relative to its base URL. */
	static final Endpoints OURS = new Endpoints("/oauth2/authorize", "/oauth2/token", "/userinfo", "/oauth2/introspect");

	/** From {@code <issuer>/.well-known/openid-configuration} (OpenID Connect Discovery 1.0, RFC 8414). */
	static Endpoints fromDiscovery(String json) {
		return new Endpoints(Json.required(json, "authorization_endpoint"), Json.required(json, "token_endpoint"),
				Json.required(json, "userinfo_endpoint"), Json.string(json, "introspection_endpoint"));
	}

}
