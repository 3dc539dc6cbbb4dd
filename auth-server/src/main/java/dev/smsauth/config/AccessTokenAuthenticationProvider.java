package dev.smsauth.config;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Authenticates a bearer access token we issued, whichever format its application chose: a JWT
 * through the chain's {@link JwtDecoder} (signature, expiry and, where the chain asks for it, the
 * store), a reference token through an {@link OpaqueTokenIntrospector} that looks it up in our own
 * authorization store. Built once per filter chain at startup.
 *
 * <p>Why this shape in Spring Security 7: the resource-server DSL takes {@code jwt()} or
 * {@code opaqueToken()}, never both, and the authorization server's own configurer turns on
 * {@code jwt()} for the userinfo endpoint, which also rules out an
 * {@code AuthenticationManagerResolver} on that chain (the DSL refuses a resolver next to
 * {@code jwt()}). What the DSL does offer is {@code jwt(jwt -> jwt.authenticationManager(...))}:
 * the bearer-token filter then hands every token to {@link #manager()} instead of the JWT provider,
 * and this object picks the path by the token the filter has already extracted: a JWS has dots
 * between its three parts, a reference token (base64url) has none. The three chains use it the same
 * way. The alternative, a {@link JwtDecoder} that turns a reference token into a {@code Jwt}, would
 * have to invent JOSE headers and would hand userinfo a {@code JwtAuthenticationToken} for
 * something that is no JWT and was never signature-checked; the opaque-token path is the
 * framework's own model for a token checked by lookup ({@code BearerTokenAuthentication}), which the
 * userinfo endpoint accepts like a JWT (both are {@code AbstractOAuth2TokenAuthenticationToken}s).
 *
 * <p>It is also an {@link AuthenticationProvider}, so that the chain's shared manager can hold it
 * as {@code jwt()} used to hold its JWT provider: the resource server's DPoP filter delegates to
 * that shared manager.
 */
final class AccessTokenAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider jwts;

	private final AuthenticationProvider references;

	AccessTokenAuthenticationProvider(JwtDecoder jwtDecoder, OpaqueTokenIntrospector references) {
		this(new JwtAuthenticationProvider(jwtDecoder), new OpaqueTokenAuthenticationProvider(references));
	}

	private AccessTokenAuthenticationProvider(AuthenticationProvider jwts, AuthenticationProvider references) {
		this.jwts = jwts;
		this.references = references;
	}

	/**
	 * Every token, JWT or reference, checked by its lookup in our store alone: for an endpoint that
	 * reads the token's grant anyway (userinfo). The store holds the exact value of every access
	 * token we issued, so a presented JWT equal to an active stored one is one we signed, and its
	 * signature, type and expiry need no second check; anything else, forged or not ours, is not there.
	 */
	static AccessTokenAuthenticationProvider byLookup(OpaqueTokenIntrospector store) {
		AuthenticationProvider lookup = new OpaqueTokenAuthenticationProvider(store);
		return new AccessTokenAuthenticationProvider(lookup, lookup);
	}

	/** For {@code oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.authenticationManager(...)))}. */
	AuthenticationManager manager() {
		return this::authenticate;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
			return null;
		}
		return (looksLikeJwt(bearer.getToken()) ? jwts : references).authenticate(bearer);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/**
	 * Reference tokens are base64url (no dots); JWTs in compact form always have them. A forged
	 * value with dots just fails the JWT checks, one without fails the lookup.
	 */
	static boolean looksLikeJwt(String token) {
		return token.indexOf('.') >= 0;
	}

}
