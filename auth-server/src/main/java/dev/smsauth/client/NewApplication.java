package dev.smsauth.client;

import java.util.List;

/**
 * What an administrator supplies to register an application. Absent lists take sensible
 * defaults (grant types: authorization_code and refresh_token; scopes: openid and profile); an
 * absent {@code accessTokenFormat} is {@code "jwt"}; an absent {@code refreshTokenAbsoluteLifetime}
 * (ISO-8601 duration) is 30 days. Both stay the raw text here so that the service, like for every
 * other field, is where a wrong value is named.
 */
public record NewApplication(String name, List<String> redirectUris, List<String> postLogoutRedirectUris,
		List<String> scopes, List<String> grantTypes, Boolean isPublic, Boolean consentRequired, Boolean pkceRequired,
		Mfa mfa, String accessTokenFormat, Boolean requirePushedAuthorizationRequests,
		String refreshTokenAbsoluteLifetime) {

	/** With a token format; no PAR requirement and the default refresh-token absolute lifetime. */
	public NewApplication(String name, List<String> redirectUris, List<String> postLogoutRedirectUris,
			List<String> scopes, List<String> grantTypes, Boolean isPublic, Boolean consentRequired,
			Boolean pkceRequired, Mfa mfa, String accessTokenFormat) {
		this(name, redirectUris, postLogoutRedirectUris, scopes, grantTypes, isPublic, consentRequired, pkceRequired,
				mfa, accessTokenFormat, null, null);
	}

	/** Without a token format: JWT access tokens, as before the setting existed. */
	public NewApplication(String name, List<String> redirectUris, List<String> postLogoutRedirectUris,
			List<String> scopes, List<String> grantTypes, Boolean isPublic, Boolean consentRequired,
			Boolean pkceRequired, Mfa mfa) {
		this(name, redirectUris, postLogoutRedirectUris, scopes, grantTypes, isPublic, consentRequired, pkceRequired,
				mfa, null, null, null);
	}

	/** The MFA switches of an application; today one factor. */
	public record Mfa(Boolean sms) {
	}

}
