package dev.smsauth.config;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
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
 * authorization store.
 *
 * <p>Why this shape in Spring Security 7: the resource-server DSL takes {@code jwt()} or
 * {@code opaqueToken()}, never both, and its documented way to accept both formats is an
 * {@link AuthenticationManagerResolver}. Resolving on the request would mean reading the
 * Authorization header a second time, so the resolver of {@link #resolver()} always answers this
 * one object, built once per chain at startup, and the choice is made on the token the
 * {@code BearerTokenAuthenticationFilter} has already extracted: a JWS has dots between its three
 * parts, a reference token (base64url) has none. The alternative, a {@link JwtDecoder} that turns
 * a reference token into a {@code Jwt}, would have to invent JOSE headers and would hand userinfo a
 * {@code JwtAuthenticationToken} for something that is no JWT and was never signature-checked; the
 * opaque-token path is the framework's own model for a token checked by lookup
 * ({@code BearerTokenAuthentication}), which the userinfo endpoint accepts like a JWT (both are
 * {@code AbstractOAuth2TokenAuthenticationToken}s).
 *
 * <p>It is also an {@link AuthenticationProvider}, so that the chain's shared manager can hold it
 * as {@code jwt()} used to hold its JWT provider: the DPoP filter of the resource server delegates
 * to that shared manager.
 */
final class AccessTokenAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider jwts;

	private final AuthenticationProvider references;

	AccessTokenAuthenticationProvider(JwtDecoder jwtDecoder, OpaqueTokenIntrospector references) {
		this.jwts = new JwtAuthenticationProvider(jwtDecoder);
		this.references = new OpaqueTokenAuthenticationProvider(references);
	}

	/** For {@code oauth2ResourceServer(rs -> rs.authenticationManagerResolver(...))}. */
	AuthenticationManagerResolver<HttpServletRequest> resolver() {
		AuthenticationManager manager = this::authenticate;
		return request -> manager;
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
