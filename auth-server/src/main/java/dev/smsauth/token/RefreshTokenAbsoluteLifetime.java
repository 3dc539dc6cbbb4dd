package dev.smsauth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.smsauth.client.ClientSettingNames;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;

/**
 * A grant's refresh tokens end a fixed time after the first one was issued (the application's
 * {@link ClientSettingNames#REFRESH_TOKEN_ABSOLUTE_LIFETIME}, 30 days by default), however often
 * they are rotated: the framework gives every rotated token a fresh lifetime, so without this a
 * grant that is refreshed daily would never end. The first-grant instant is an attribute of the
 * grant (stamped by {@link IndexedAuthorizationService} on the save that first holds a refresh
 * token), so it survives rotation and every node reads the same one. Times are the application
 * clock's.
 *
 * <p>Checked by {@link RefreshTokenReuseDetection} on the grant it has already read for the presented
 * token, before the framework's refresh provider runs: one lookup serves both checks.
 */
public final class RefreshTokenAbsoluteLifetime {

	/** ISO-8601 instant (text, so the framework's JSON keeps it as it is). */
	static final String FIRST_GRANT_ATTRIBUTE = "dev.smsauth.refresh_token.first_issued_at";

	private final OAuth2AuthorizationService authorizations;

	private final Clock clock;

	public RefreshTokenAbsoluteLifetime(OAuth2AuthorizationService authorizations, Clock clock) {
		this.authorizations = authorizations;
		this.clock = clock;
	}

	/**
	 * Refuses ({@code invalid_grant}) and removes the grant of the presented refresh token once its
	 * absolute lifetime has ended, when the grant is the authenticated client's (another client's
	 * grant is the framework's to refuse, and is not touched).
	 */
	void refuseIfEnded(OAuth2Authorization grant, OAuth2RefreshTokenAuthenticationToken request) {
		if (request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()
				&& client.getRegisteredClient() != null) {
			Duration lifetime = ClientSettingNames.refreshTokenAbsoluteLifetime(client.getRegisteredClient().getTokenSettings());
			if (grant.getRegisteredClientId().equals(client.getRegisteredClient().getId()) && ended(grant, lifetime)) {
				authorizations.remove(grant); // nothing of it can be used any more
				throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
						"The refresh token's lifetime has ended; sign in again", null));
			}
		}
	}

	private boolean ended(OAuth2Authorization grant, Duration lifetime) {
		Instant first = firstGrant(grant);
		return first != null && !clock.instant().isBefore(first.plus(lifetime));
	}

	/** When the grant's first refresh token was issued; null for a grant stored before the rule existed. */
	static Instant firstGrant(OAuth2Authorization grant) {
		String stamped = grant.getAttribute(FIRST_GRANT_ATTRIBUTE);
		return stamped == null ? null : Instant.parse(stamped);
	}

	/**
	 * The grant with its first-grant instant, stamped once: when it first holds a refresh token
	 * (the code exchange), or at the next rotation of a grant stored before the rule existed.
	 */
	static OAuth2Authorization stamped(OAuth2Authorization grant, Instant now) {
		if (grant.getRefreshToken() == null || grant.getAttribute(FIRST_GRANT_ATTRIBUTE) != null) {
			return grant;
		}
		return OAuth2Authorization.from(grant).attribute(FIRST_GRANT_ATTRIBUTE, now.toString()).build();
	}

}
