package dev.smsauth.token;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The authorization store as the userinfo endpoint's own provider (the framework's
 * {@code OidcUserInfoAuthenticationProvider}, which looks the presented access token up again) sees
 * it: the grant that this request's bearer authentication read from the store a moment earlier
 * ({@link StoredAccessTokenPrincipal}, for exactly that token), else the store itself. One read of
 * the row per userinfo call instead of two; the framework's checks (active, {@code openid} scope,
 * an ID token in the grant) all still run, on a grant read in this very request.
 */
final class BearerGrantOfThisRequest extends GrantAlreadyRead {

	BearerGrantOfThisRequest(OAuth2AuthorizationService store) {
		super(store);
	}

	@Override
	OAuth2Authorization alreadyRead(String token, OAuth2TokenType tokenType) {
		Authentication bearer = SecurityContextHolder.getContext().getAuthentication();
		if (OAuth2TokenType.ACCESS_TOKEN.equals(tokenType) && bearer != null
				&& bearer.getPrincipal() instanceof StoredAccessTokenPrincipal stored) {
			return stored.grantReadFor(token);
		}
		return null;
	}

}
