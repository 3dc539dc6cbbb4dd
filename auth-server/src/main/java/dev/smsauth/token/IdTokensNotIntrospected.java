package dev.smsauth.token;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;

/**
 * Introspection (RFC 7662) answers {@code active: false} for an ID token. The framework finds any
 * token of a grant and calls it active while it lives; a resource server that introspects would
 * then take an ID token (which every relying party holds) for an access token. Access tokens keep
 * their one lookup: only an active answer without {@code token_type} (not an access token) is
 * checked once more.
 */
public final class IdTokensNotIntrospected implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	private final OAuth2AuthorizationService authorizations;

	public IdTokensNotIntrospected(AuthenticationProvider delegate, OAuth2AuthorizationService authorizations) {
		this.delegate = delegate;
		this.authorizations = authorizations;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Authentication result = delegate.authenticate(authentication);
		if (result instanceof OAuth2TokenIntrospectionAuthenticationToken answer && answer.getTokenClaims().isActive()
				&& answer.getTokenClaims().getClaims().get(OAuth2TokenIntrospectionClaimNames.TOKEN_TYPE) == null
				&& isIdToken(answer.getToken())) {
			return new OAuth2TokenIntrospectionAuthenticationToken(answer.getToken(),
					(Authentication) answer.getPrincipal(), OAuth2TokenIntrospection.builder().build());
		}
		return result;
	}

	private boolean isIdToken(String token) {
		OAuth2Authorization grant = authorizations.findByToken(token, null);
		OAuth2Authorization.Token<?> held = grant == null ? null : grant.getToken(token);
		return held != null && held.getToken() instanceof OidcIdToken;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return delegate.supports(authentication);
	}

}
