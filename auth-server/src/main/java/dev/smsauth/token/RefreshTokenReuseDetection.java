package dev.smsauth.token;

import java.time.Clock;
import java.util.function.Function;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;

/**
 * Refresh-token rotation with reuse detection (RFC 9700 4.14.2): every refresh token that is
 * rotated out is remembered by its SHA-256 ({@link RefreshTokenHistory}, written by
 * {@link IndexedAuthorizationService} as it saves the rotation); when one is presented again, the
 * grant it belonged to is revoked, because either the client or an attacker holds a stolen copy.
 * Wraps the built-in refresh-token provider, which does the rotation itself.
 *
 * <p>The check runs whenever the refresh is refused with {@code invalid_grant}, not only when the
 * token is unknown up front: a request that read the grant just before a concurrent rotation is
 * refused by the framework's own second lookup, and must revoke the grant as well.
 *
 * <p>Also refuses ({@code invalid_grant}) and revokes the grant of a user whose account was
 * disabled or deleted since: a user change removes their grants at once, this catches a grant that
 * escaped, or one written back by a refresh that was in flight at that moment. The account is
 * checked once the rotation is saved, which also covers a grant that escaped earlier, and on every
 * refusal (the ID token's claims refuse a disabled or deleted account themselves, before anything is
 * saved); not also before the rotation, where it cost every refresh a query and changed no answer.
 *
 * <p>The grant read here for the presented token also serves {@link RefreshTokenAbsoluteLifetime} and
 * the framework's provider (one lookup per refresh).
 */
public final class RefreshTokenReuseDetection implements AuthenticationProvider {

	private static final Logger log = LoggerFactory.getLogger(RefreshTokenReuseDetection.class);

	private final Function<OAuth2AuthorizationService, AuthenticationProvider> rotation;

	private final RefreshTokenAbsoluteLifetime lifetime;

	private final OAuth2AuthorizationService authorizations;

	private final RefreshTokenHistory history;

	private final Predicate<String> activeAccount;

	/**
	 * @param rotation the framework's refresh provider over the given store (it reads the grant of the
	 * presented token from it, rotates and saves)
	 */
	public RefreshTokenReuseDetection(Function<OAuth2AuthorizationService, AuthenticationProvider> rotation,
			OAuth2AuthorizationService authorizations, JdbcOperations jdbc, Clock clock, Predicate<String> activeAccount) {
		this.rotation = rotation;
		this.lifetime = new RefreshTokenAbsoluteLifetime(authorizations, clock);
		this.authorizations = authorizations;
		this.history = new RefreshTokenHistory(jdbc, clock);
		this.activeAccount = activeAccount;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2RefreshTokenAuthenticationToken request = (OAuth2RefreshTokenAuthenticationToken) authentication;
		String presented = request.getRefreshToken();
		OAuth2Authorization grant = presented == null ? null
				: authorizations.findByToken(presented, OAuth2TokenType.REFRESH_TOKEN);
		Authentication result;
		try {
			if (grant != null) {
				lifetime.refuseIfEnded(grant, request);
			}
			result = rotation.apply(new GrantReadForThisRefresh(authorizations, presented, grant)).authenticate(authentication);
		}
		catch (OAuth2AuthenticationException refused) {
			if (OAuth2ErrorCodes.INVALID_GRANT.equals(refused.getError().getErrorCode()) && presented != null) {
				revokeIfRotatedOut(IndexedAuthorizationService.sha256(presented));
			}
			if (grant != null && !activeAccount.test(grant.getPrincipalName())) {
				revoke(grant);
			}
			throw refused;
		}
		// The account may have been disabled while this refresh ran, after its grants were deleted
		// and before the rotation wrote this one back: look again now it is stored.
		if (grant != null) {
			refuseUnlessAccountActive(grant);
		}
		return result;
	}

	private void refuseUnlessAccountActive(OAuth2Authorization grant) {
		if (!activeAccount.test(grant.getPrincipalName())) {
			revoke(grant);
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
		}
	}

	/** Removes the grant as it is stored now (the rotation may have changed it since it was read). */
	private void revoke(OAuth2Authorization grant) {
		OAuth2Authorization stored = authorizations.findById(grant.getId());
		if (stored != null) {
			authorizations.remove(stored);
		}
	}

	private void revokeIfRotatedOut(String hash) {
		history.grantOf(hash).map(authorizations::findById).ifPresent(grant -> {
			authorizations.remove(grant);
			log.warn("A rotated-out refresh token was presented again; revoked grant {} of client {} (possible theft)",
					grant.getId(), grant.getRegisteredClientId());
		});
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2RefreshTokenAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/**
	 * The store as the framework's refresh provider sees it: its lookup of the presented refresh
	 * token answers the grant read above for the same token in this request, instead of reading and
	 * digesting the row a second time. A rotation by another request in between is still caught:
	 * the save writes only over the row as it was read ({@link IndexedAuthorizationService}), so the
	 * later of two rotations revokes the grant and is refused, as when the second lookup found nothing.
	 */
	private static final class GrantReadForThisRefresh extends GrantAlreadyRead {

		private final String presented;

		private final OAuth2Authorization read;

		GrantReadForThisRefresh(OAuth2AuthorizationService store, String presented, OAuth2Authorization read) {
			super(store);
			this.presented = presented;
			this.read = read;
		}

		@Override
		OAuth2Authorization alreadyRead(String token, OAuth2TokenType tokenType) {
			boolean same = read != null && OAuth2TokenType.REFRESH_TOKEN.equals(tokenType) && token != null
					&& token.equals(presented);
			return same ? read : null;
		}

	}

}
