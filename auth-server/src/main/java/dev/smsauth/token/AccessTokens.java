package dev.smsauth.token;

import dev.smsauth.client.ClientSettingNames;

import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;

/**
 * What tells our JWT access tokens apart from our ID tokens, which are signed with the same key:
 * the JOSE header {@code typ: at+jwt} of RFC 9068 section 2.1. Every bearer-token check requires
 * it, so an ID token (no {@code typ}) is never accepted as an access token, and an access token
 * never validates as an ID token at a relying party that checks the type.
 */
public final class AccessTokens {

	/** RFC 9068's media type for JWT access tokens, as written in the header. */
	public static final String JWT_TYPE = "at+jwt";

	/** The same, as its full media type (RFC 9068 allows either spelling). */
	public static final String JWT_MEDIA_TYPE = "application/at+jwt";

	private AccessTokens() {
	}

	/**
	 * Marks a JWT access token and signs it with the application's {@code accessTokenSignedResponseAlg}
	 * (the framework's JwtGenerator would sign it RS256 whatever the client says); leaves ID tokens
	 * alone: the generator takes their algorithm from the client's own ID-token setting.
	 */
	static void markTypeAndAlgorithm(JwtEncodingContext context) {
		if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			context.getJwsHeader()
				.type(JWT_TYPE)
				.algorithm(ClientSettingNames.accessTokenSigningAlgorithm(context.getRegisteredClient().getTokenSettings())
					.signatureAlgorithm());
		}
	}

}
