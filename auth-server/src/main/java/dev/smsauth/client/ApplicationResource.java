package dev.smsauth.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** An application in the management API; {@code clientSecret} appears only when just created or rotated. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApplicationResource(String clientId, String clientSecret, String name, List<String> redirectUris,
		List<String> postLogoutRedirectUris, List<String> scopes, List<String> grantTypes,
		@JsonProperty("public") boolean isPublic, boolean consentRequired, boolean pkceRequired, Application.Mfa mfa,
		@Schema(allowableValues = { "jwt", "reference" }) String accessTokenFormat,
		boolean requirePushedAuthorizationRequests,
		@Schema(description = "ISO-8601 duration", example = "P30D") String refreshTokenAbsoluteLifetime,
		@Schema(allowableValues = { "RS256", "PS256", "ES256" }) String idTokenSignedResponseAlg,
		@Schema(allowableValues = { "RS256", "PS256", "ES256" }) String accessTokenSignedResponseAlg,
		Instant createdAt,
		@JsonInclude(JsonInclude.Include.ALWAYS) @Schema(description = "SMS code messages per calendar month "
				+ "(UTC); null: no monthly budget", nullable = true) Integer smsMonthlyBudget) {

	static ApplicationResource of(Application a) {
		return new ApplicationResource(a.clientId(), a.clientSecret(), a.name(), a.redirectUris(),
				a.postLogoutRedirectUris(), a.scopes(), a.grantTypes(), a.isPublic(), a.consentRequired(),
				a.pkceRequired(), a.mfa(), a.accessTokenFormat().value(), a.requirePushedAuthorizationRequests(),
				iso(a.refreshTokenAbsoluteLifetime()), a.idTokenSignedResponseAlg().value(),
				a.accessTokenSignedResponseAlg().value(), a.createdAt(), a.smsMonthlyBudget());
	}

	/** Whole days as days ({@code P30D}, as administrators write it), anything else as Java writes it ({@code PT36H}). */
	static String iso(Duration duration) {
		return duration.toSeconds() % 86_400 == 0 ? "P" + duration.toDays() + "D" : duration.toString();
	}

}
