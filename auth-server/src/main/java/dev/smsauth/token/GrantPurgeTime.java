package dev.smsauth.token;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;

/**
 * The instant after which a whole grant is dead, stored in {@code oauth2_authorization.purge_after}
 * (migration V21) so that the clean-up finds dead grants through an index: the latest expiry of the
 * tokens it holds. Null when there is nothing to judge by — a grant that holds no token yet (a
 * consent page left open) or one holding a token without an expiry — and such a grant is never
 * purged, as the clean-up's own condition says.
 *
 * <p>Invalidated tokens count like the others (the clean-up judges by expiry, not by revocation).
 * The refresh token's absolute lifetime ({@link RefreshTokenAbsoluteLifetime}) is not added: it only
 * ever ends a refresh token before its expiry, never after, so the expiry alone can not let a grant
 * go while a token of it is usable; such a grant stays until that expiry, refused meanwhile.
 */
final class GrantPurgeTime {

	/** Every kind of token a grant row has columns for. */
	private static final List<Class<? extends OAuth2Token>> KINDS = List.of(OAuth2AuthorizationCode.class,
			OAuth2AccessToken.class, OAuth2RefreshToken.class, OidcIdToken.class, OAuth2UserCode.class,
			OAuth2DeviceCode.class);

	private GrantPurgeTime() {
	}

	/** The value of the {@code purge_after} column, as the store binds it. */
	static SqlParameterValue column(OAuth2Authorization grant) {
		Instant purgeAfter = of(grant);
		return new SqlParameterValue(Types.TIMESTAMP, purgeAfter == null ? null : Timestamp.from(purgeAfter));
	}

	static Instant of(OAuth2Authorization grant) {
		Instant latest = null;
		for (Class<? extends OAuth2Token> kind : KINDS) {
			OAuth2Authorization.Token<? extends OAuth2Token> token = grant.getToken(kind);
			if (token == null) {
				continue;
			}
			Instant expires = token.getToken().getExpiresAt();
			if (expires == null) {
				return null; // lives until someone removes it
			}
			if (latest == null || expires.isAfter(latest)) {
				latest = expires;
			}
		}
		return latest;
	}

}
