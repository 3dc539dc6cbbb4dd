package dev.smsauth.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Authorization codes as the framework makes them (96 random bytes, base64url: 768 bits, far above
 * the 128 the checklist asks for), but stamped by the application {@link Clock}, so that the
 * lifetime set per application (five minutes, {@code ApplicationService}) is something a test can
 * prove by issuing a code in the past rather than by sleeping.
 */
public final class ClockedAuthorizationCodeGenerator implements OAuth2TokenGenerator<OAuth2AuthorizationCode> {

	private final StringKeyGenerator codes = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(),
			96);

	private final Clock clock;

	public ClockedAuthorizationCodeGenerator(Clock clock) {
		this.clock = clock;
	}

	@Override
	public OAuth2AuthorizationCode generate(OAuth2TokenContext context) {
		if (context.getTokenType() == null || !OAuth2ParameterNames.CODE.equals(context.getTokenType().getValue())) {
			return null;
		}
		Instant issuedAt = clock.instant();
		Instant expiresAt = issuedAt.plus(context.getRegisteredClient().getTokenSettings().getAuthorizationCodeTimeToLive());
		return new OAuth2AuthorizationCode(codes.generateKey(), issuedAt, expiresAt);
	}

}
