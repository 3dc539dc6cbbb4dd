package dev.smsauth.token;

import java.time.Instant;
import java.util.Base64;

import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Refresh tokens for every application that has the {@code refresh_token} grant type, public
 * clients (native and single-page apps) included. The framework's own generator gives public
 * clients none at the code exchange; RFC 9700 section 4.14 allows them when every refresh rotates
 * the token and a rotated-out token revokes the grant: our applications never reuse refresh tokens
 * ({@code reuseRefreshTokens(false)}), and {@link RefreshTokenReuseDetection} revokes on reuse.
 * Which applications may have the grant at all is the framework's check, before it asks here.
 */
final class PublicClientRefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

	// As the framework's: 96 random bytes, base64url.
	private final StringKeyGenerator values = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 96);

	@Override
	public OAuth2RefreshToken generate(OAuth2TokenContext context) {
		if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())) {
			return null;
		}
		Instant issuedAt = Instant.now();
		Instant expiresAt = issuedAt.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive());
		return new OAuth2RefreshToken(values.generateKey(), issuedAt, expiresAt);
	}

}
