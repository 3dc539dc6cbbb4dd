package dev.smsauth.token;

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

	/** Marks a JWT access token; leaves ID tokens alone. */
	static void markType(JwtEncodingContext context) {
		if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			context.getJwsHeader().type(JWT_TYPE);
		}
	}

}
