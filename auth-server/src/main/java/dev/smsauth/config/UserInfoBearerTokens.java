package dev.smsauth.config;

import dev.smsauth.token.AccountOfAccessToken;
import dev.smsauth.token.StoredAccessTokenIntrospector;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The bearer-token part of the protocol chain. Userinfo is called with our own access tokens, JWT or
 * reference, and answers from the token's grant, so the token is checked by that one lookup
 * ({@link AccessTokenAuthenticationProvider#byLookup}): found, an access token, active. Decoding and
 * verifying a JWT first would add a quarter of the call's CPU and decide nothing the lookup does not
 * (docs/perf-notes/resourcecpu.md). A bearer token is read at userinfo only (header or form body,
 * {@link ResourceBearerTokens}): never a sign-in elsewhere.
 */
final class UserInfoBearerTokens implements Customizer<HttpSecurity> {

	private final OAuth2AuthorizationService authorizations;

	private final AccountOfAccessToken accountOfAccessToken;

	private final String userInfoEndpoint;

	UserInfoBearerTokens(OAuth2AuthorizationService authorizations, AccountOfAccessToken accountOfAccessToken,
			String userInfoEndpoint) {
		this.authorizations = authorizations;
		this.accountOfAccessToken = accountOfAccessToken;
		this.userInfoEndpoint = userInfoEndpoint;
	}

	@Override
	public void customize(HttpSecurity http) {
		// Userinfo reads the person's account next: it comes in the statement that finds the grant.
		AccessTokenAuthenticationProvider accessTokens = AccessTokenAuthenticationProvider
			.byLookup(new StoredAccessTokenIntrospector(authorizations, accountOfAccessToken));
		http.authenticationProvider(accessTokens);
		http.oauth2ResourceServer(resourceServer -> resourceServer
			.bearerTokenResolver(new ResourceBearerTokens(PathPatternRequestMatcher.pathPattern(userInfoEndpoint)))
			.jwt(jwt -> jwt.authenticationManager(accessTokens.manager())));
	}

}
