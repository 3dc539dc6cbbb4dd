package dev.smsauth.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An application as administrators see it: a registered OAuth client in our vocabulary.
 * {@code clientSecret} is only ever filled in the answer that created or rotated it.
 */
public record Application(String clientId, String clientSecret, String name, List<String> redirectUris,
		List<String> postLogoutRedirectUris, List<String> scopes, List<String> grantTypes, boolean isPublic,
		boolean consentRequired, boolean pkceRequired, Mfa mfa, AccessTokenFormat accessTokenFormat,
		boolean requirePushedAuthorizationRequests, Duration refreshTokenAbsoluteLifetime, Instant createdAt) {

	public record Mfa(boolean sms) {
	}

	Application withSecret(String secret) {
		return new Application(clientId, secret, name, redirectUris, postLogoutRedirectUris, scopes, grantTypes,
				isPublic, consentRequired, pkceRequired, mfa, accessTokenFormat, requirePushedAuthorizationRequests,
				refreshTokenAbsoluteLifetime, createdAt);
	}

}
