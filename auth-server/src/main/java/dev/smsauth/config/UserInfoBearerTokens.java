package dev.smsauth.config;

import dev.smsauth.token.StoredAccessTokenIntrospector;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The bearer-token part of the protocol chain. Userinfo is called with our own access tokens, JWT or
 * reference; the userinfo endpoint itself then checks the token is still live in the store. A bearer
 * token is read at userinfo only (header or form body, {@link ResourceBearerTokens}): never a
 * sign-in elsewhere.
 */
final class UserInfoBearerTokens implements Customizer<HttpSecurity> {

	private final JwtDecoder jwtDecoder;

	private final OAuth2AuthorizationService authorizations;

	private final String userInfoEndpoint;

	UserInfoBearerTokens(JwtDecoder jwtDecoder, OAuth2AuthorizationService authorizations, String userInfoEndpoint) {
		this.jwtDecoder = jwtDecoder;
		this.authorizations = authorizations;
		this.userInfoEndpoint = userInfoEndpoint;
	}

	@Override
	public void customize(HttpSecurity http) {
		AccessTokenAuthenticationProvider accessTokens = new AccessTokenAuthenticationProvider(jwtDecoder,
				new StoredAccessTokenIntrospector(authorizations));
		http.authenticationProvider(accessTokens);
		http.oauth2ResourceServer(resourceServer -> resourceServer
			.bearerTokenResolver(new ResourceBearerTokens(PathPatternRequestMatcher.pathPattern(userInfoEndpoint)))
			.jwt(jwt -> jwt.authenticationManager(accessTokens.manager())));
	}

}
