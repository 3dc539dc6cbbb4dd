package dev.smsauth.token;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * The token generator the authorization server uses, in place of the one it would build itself:
 * the same three parts (a signed JWT for JWT access tokens and ID tokens, random reference access
 * tokens, random refresh tokens), with two differences: JWT access tokens carry {@code typ: at+jwt}
 * and are signed with the application's chosen algorithm ({@link AccessTokens}), and public clients
 * get refresh tokens ({@link PublicClientRefreshTokens}).
 */
@Configuration(proxyBeanMethods = false)
class TokenGeneratorConfig {

	@Bean
	OAuth2TokenGenerator<OAuth2Token> tokenGenerator(JwtEncoder jwtEncoder, IdTokenClaimsCustomizer idTokenClaims) {
		JwtGenerator jwts = new JwtGenerator(jwtEncoder);
		jwts.setJwtCustomizer(context -> {
			AccessTokens.markTypeAndAlgorithm(context);
			idTokenClaims.customize(context);
		});
		return new DelegatingOAuth2TokenGenerator(jwts, new OAuth2AccessTokenGenerator(), new PublicClientRefreshTokens());
	}

}
