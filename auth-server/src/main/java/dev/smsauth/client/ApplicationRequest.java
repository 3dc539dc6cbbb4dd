package dev.smsauth.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** JSON body of {@code POST /api/v1/applications}. */
record ApplicationRequest(String name, List<String> redirectUris, List<String> postLogoutRedirectUris,
		List<String> scopes, List<String> grantTypes, @JsonProperty("public") Boolean isPublic,
		Boolean consentRequired, Boolean pkceRequired, NewApplication.Mfa mfa) {

	NewApplication toNewApplication() {
		return new NewApplication(name, redirectUris, postLogoutRedirectUris, scopes, grantTypes, isPublic,
				consentRequired, pkceRequired, mfa);
	}

}
