package dev.smsauth.config;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * For the management API: a signed, unexpired JWT is not enough, its grant must still exist and
 * be active, so revoking a token or deleting the application that holds it ends its access at
 * once instead of when the token expires. The cost, one lookup per call, suits an admin API.
 */
final class ActiveAccessTokenDecoder implements JwtDecoder {

	private final JwtDecoder signatureAndExpiry;

	private final OAuth2AuthorizationService authorizations;

	ActiveAccessTokenDecoder(JwtDecoder signatureAndExpiry, OAuth2AuthorizationService authorizations) {
		this.signatureAndExpiry = signatureAndExpiry;
		this.authorizations = authorizations;
	}

	@Override
	public Jwt decode(String token) {
		Jwt jwt = signatureAndExpiry.decode(token);
		OAuth2Authorization grant = authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
		if (grant == null || grant.getAccessToken() == null || !grant.getAccessToken().isActive()) {
			throw new BadJwtException("the access token was revoked or its application deleted");
		}
		return jwt;
	}

}
