package dev.smsauth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;

/**
 * Refresh-token rotation with reuse detection (RFC 9700 4.14.2): every refresh token that is
 * rotated out is remembered by its SHA-256; when one is presented again, the grant it belonged to
 * is revoked, because either the client or an attacker holds a stolen copy. Wraps the built-in
 * refresh-token provider, which does the rotation itself.
 *
 * <p>Also refuses ({@code invalid_grant}) and revokes the grant of a user whose account was
 * disabled or deleted since: a user change removes their grants at once, this catches a grant that
 * escaped, or one written back by a refresh that was in flight at that moment (checked again after
 * the rotation was saved).
 */
public final class RefreshTokenReuseDetection implements AuthenticationProvider {

	private static final Logger log = LoggerFactory.getLogger(RefreshTokenReuseDetection.class);

	private final AuthenticationProvider delegate;

	private final OAuth2AuthorizationService authorizations;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Predicate<String> activeAccount;

	public RefreshTokenReuseDetection(AuthenticationProvider delegate, OAuth2AuthorizationService authorizations,
			JdbcClient jdbc, Clock clock, Predicate<String> activeAccount) {
		this.delegate = delegate;
		this.authorizations = authorizations;
		this.jdbc = jdbc;
		this.clock = clock;
		this.activeAccount = activeAccount;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String presented = ((OAuth2RefreshTokenAuthenticationToken) authentication).getRefreshToken();
		String hash = sha256(presented);
		OAuth2Authorization grant = authorizations.findByToken(presented, OAuth2TokenType.REFRESH_TOKEN);
		if (grant == null) {
			revokeIfRotatedOut(hash);
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
		}
		refuseUnlessAccountActive(grant);
		Authentication result = delegate.authenticate(authentication);
		// The answer itself says whether the token was rotated: no second read of the grant.
		OAuth2RefreshToken issued = result instanceof OAuth2AccessTokenAuthenticationToken answer
				? answer.getRefreshToken() : null;
		boolean rotated = issued == null || !presented.equals(issued.getTokenValue());
		if (rotated) {
			jdbc.sql("INSERT INTO refresh_token_history (token_hash, authorization_id, rotated_at) VALUES (:hash, :id, :at)")
				.param("hash", hash)
				.param("id", grant.getId())
				.param("at", Timestamp.from(clock.instant()))
				.update();
		}
		// The account may have been disabled while this refresh ran, after its grants were deleted
		// and before the rotation above wrote this one back: look again now it is stored.
		refuseUnlessAccountActive(grant);
		return result;
	}

	private void refuseUnlessAccountActive(OAuth2Authorization grant) {
		if (!activeAccount.test(grant.getPrincipalName())) {
			OAuth2Authorization stored = authorizations.findById(grant.getId());
			if (stored != null) {
				authorizations.remove(stored);
			}
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
		}
	}

	private void revokeIfRotatedOut(String hash) {
		Optional<String> grantId = jdbc.sql("SELECT authorization_id FROM refresh_token_history WHERE token_hash = :hash")
			.param("hash", hash)
			.query(String.class)
			.optional();
		grantId.map(authorizations::findById).ifPresent(grant -> {
			authorizations.remove(grant);
			log.warn("A rotated-out refresh token was presented again; revoked grant {} of client {} (possible theft)",
					grant.getId(), grant.getRegisteredClientId());
		});
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return delegate.supports(authentication);
	}

	static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
