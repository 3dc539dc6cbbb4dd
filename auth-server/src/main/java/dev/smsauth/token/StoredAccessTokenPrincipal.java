package dev.smsauth.token;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimAccessor;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;

/**
 * The principal of an access token that {@link StoredAccessTokenIntrospector} found active in the
 * store: its stored claims and {@code SCOPE_} authorities, as the framework's
 * {@link OAuth2IntrospectionAuthenticatedPrincipal}, plus the grant they were read from in this
 * request. The userinfo endpoint answers from that grant ({@link BearerGrantOfThisRequest}) instead
 * of reading the same row a second time a moment later.
 */
public final class StoredAccessTokenPrincipal implements OAuth2TokenIntrospectionClaimAccessor,
		OAuth2AuthenticatedPrincipal, Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private final OAuth2IntrospectionAuthenticatedPrincipal claims;

	private final String tokenValue;

	/** Only for the request that read it: never kept in a session or sent anywhere. */
	private final transient OAuth2Authorization grant;

	StoredAccessTokenPrincipal(OAuth2IntrospectionAuthenticatedPrincipal claims, String tokenValue,
			OAuth2Authorization grant) {
		this.claims = claims;
		this.tokenValue = tokenValue;
		this.grant = grant;
	}

	/** The grant read for {@code token}, or null if this principal was read for another token. */
	OAuth2Authorization grantReadFor(String token) {
		return tokenValue.equals(token) ? grant : null;
	}

	@Override
	public Map<String, Object> getAttributes() {
		return claims.getAttributes();
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return claims.getAuthorities();
	}

	@Override
	public String getName() {
		return claims.getName();
	}

	@Override
	public Map<String, Object> getClaims() {
		return claims.getClaims();
	}

}
