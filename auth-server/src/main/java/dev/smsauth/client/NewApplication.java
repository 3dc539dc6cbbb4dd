package dev.smsauth.client;

import java.util.List;
import java.util.Optional;

/**
 * What an administrator supplies to register an application. Absent lists take sensible
 * defaults (grant types: authorization_code and refresh_token; scopes: openid and profile); an
 * absent {@code accessTokenFormat} is {@code "jwt"}; an absent {@code refreshTokenAbsoluteLifetime}
 * (ISO-8601 duration) is 30 days; absent signing algorithms ({@code idTokenSignedResponseAlg},
 * {@code accessTokenSignedResponseAlg}) are RS256. All stay the raw text here so that the service,
 * like for every other field, is where a wrong value is named. {@code smsMonthlyBudget} (null: none)
 * stays a raw number for the same reason.
 */
public record NewApplication(String name, List<String> redirectUris, List<String> postLogoutRedirectUris,
		List<String> scopes, List<String> grantTypes, Boolean isPublic, Boolean consentRequired, Boolean pkceRequired,
		Mfa mfa, String accessTokenFormat, Boolean requirePushedAuthorizationRequests,
		String refreshTokenAbsoluteLifetime, String idTokenSignedResponseAlg, String accessTokenSignedResponseAlg,
		Number smsMonthlyBudget) {

	/** Signed RS256, as before the algorithms could be chosen, and without a monthly SMS budget. */
	public NewApplication(String name, List<String> redirectUris, List<String> postLogoutRedirectUris,
			List<String> scopes, List<String> grantTypes, Boolean isPublic, Boolean consentRequired,
			Boolean pkceRequired, Mfa mfa, String accessTokenFormat, Boolean requirePushedAuthorizationRequests,
			String refreshTokenAbsoluteLifetime) {
		this(name, redirectUris, postLogoutRedirectUris, scopes, grantTypes, isPublic, consentRequired, pkceRequired,
				mfa, accessTokenFormat, requirePushedAuthorizationRequests, refreshTokenAbsoluteLifetime, null, null, null);
	}

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

	/**
	 * The sign-in policy as given (../shared/CONTRACT.md "Sign-in policy"), raw so the service names
	 * a wrong value; a null component means "not given" (keep, or the default).
	 * {@code reauthenticateAfter}: null = not given, empty = JSON null (once per SSO session).
	 * {@code sms} is the older switch: true = required {@code always} with SMS and the app, false =
	 * {@code never}.
	 */
	public record Mfa(Boolean sms, String required, List<String> factors, Optional<String> reauthenticateAfter,
			Integer rememberDeviceDays, String enrollment) {

		/** The older form, {@code {"sms": true|false}}. */
		public Mfa(Boolean sms) {
			this(sms, null, null, null, null, null);
		}

		boolean onlySms() {
			return required == null && factors == null && reauthenticateAfter == null && rememberDeviceDays == null
					&& enrollment == null;
		}

	}

}
