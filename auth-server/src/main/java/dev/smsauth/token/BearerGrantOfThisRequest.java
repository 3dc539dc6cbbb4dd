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
final class BearerGrantOfThisRequest implements OAuth2AuthorizationService {

	private final OAuth2AuthorizationService store;

	BearerGrantOfThisRequest(OAuth2AuthorizationService store) {
		this.store = store;
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		Authentication bearer = SecurityContextHolder.getContext().getAuthentication();
		if (OAuth2TokenType.ACCESS_TOKEN.equals(tokenType) && bearer != null
				&& bearer.getPrincipal() instanceof StoredAccessTokenPrincipal stored) {
			OAuth2Authorization read = stored.grantReadFor(token);
			if (read != null) {
				return read;
			}
		}
		return store.findByToken(token, tokenType);
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return store.findById(id);
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		store.save(authorization);
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		store.remove(authorization);
	}

}
