package dev.smsauth.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** JSON body of {@code POST /api/v1/applications}. */
record ApplicationRequest(String name, List<String> redirectUris, List<String> postLogoutRedirectUris,
		List<String> scopes, List<String> grantTypes, @JsonProperty("public") Boolean isPublic,
		Boolean consentRequired, Boolean pkceRequired, ApplicationMfaRequest mfa,
		@Schema(description = "Form of the access tokens: a signed JWT, or an opaque reference token that "
				+ "resource servers check by introspection (RFC 7662)", allowableValues = { "jwt", "reference" },
				defaultValue = "jwt") String accessTokenFormat,
		@Schema(description = "Authorization requests only through the pushed authorization request "
				+ "endpoint (RFC 9126)", defaultValue = "false") Boolean requirePushedAuthorizationRequests,
		@Schema(description = "How long after a grant's first refresh token its last one may still be used, "
				+ "however often it was rotated (ISO-8601 duration, PT1H to P365D)", defaultValue = "P30D",
				example = "P30D") String refreshTokenAbsoluteLifetime,
		@Schema(description = "JWS algorithm of the ID tokens (OpenID Connect Dynamic Client Registration's "
				+ "id_token_signed_response_alg)", allowableValues = { "RS256", "PS256", "ES256" },
				defaultValue = "RS256") String idTokenSignedResponseAlg,
		@Schema(description = "JWS algorithm of the JWT access tokens", allowableValues = { "RS256", "PS256", "ES256" },
				defaultValue = "RS256") String accessTokenSignedResponseAlg,
		@Schema(description = "SMS code messages this application's sign-ins may send per calendar month (UTC), "
				+ "0 to 10000000; null or absent: no monthly budget", example = "1000") Number smsMonthlyBudget) {

	NewApplication toNewApplication() {
		return new NewApplication(name, redirectUris, postLogoutRedirectUris, scopes, grantTypes, isPublic,
				consentRequired, pkceRequired, mfa == null ? null : mfa.toMfa(), accessTokenFormat, requirePushedAuthorizationRequests,
				refreshTokenAbsoluteLifetime, idTokenSignedResponseAlg, accessTokenSignedResponseAlg, smsMonthlyBudget);
	}

}
