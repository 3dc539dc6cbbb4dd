package dev.smsauth.client;

import java.util.List;

/**
 * What an administrator supplies to register an application. Absent lists take sensible
 * defaults (grant types: authorization_code and refresh_token; scopes: openid and profile).
 */
public record NewApplication(String name, List<String> redirectUris, List<String> postLogoutRedirectUris,
		List<String> scopes, List<String> grantTypes, Boolean isPublic, Boolean consentRequired, Boolean pkceRequired,
		Mfa mfa) {

	/** The MFA switches of an application; today one factor. */
	public record Mfa(Boolean sms) {
	}

}
