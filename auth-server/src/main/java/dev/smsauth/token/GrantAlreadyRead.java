package dev.smsauth.token;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The authorization store as one of the framework's providers sees it during one request: a lookup
 * by token is answered with the grant this request has already read for exactly that token, if any,
 * else by the store; every other call goes to the store. The framework's providers look the
 * presented token up again after our own checks have read its row; this saves that second read
 * without skipping any of their checks, which all run on a grant read in this very request.
 */
abstract class GrantAlreadyRead implements OAuth2AuthorizationService {

	private final OAuth2AuthorizationService store;

	GrantAlreadyRead(OAuth2AuthorizationService store) {
		this.store = store;
	}

	/** The grant this request already read for this token and type, or null to ask the store. */
	abstract OAuth2Authorization alreadyRead(String token, OAuth2TokenType tokenType);

	@Override
	public final OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		OAuth2Authorization read = alreadyRead(token, tokenType);
		return (read != null) ? read : store.findByToken(token, tokenType);
	}

	@Override
	public final OAuth2Authorization findById(String id) {
		return store.findById(id);
	}

	@Override
	public final void save(OAuth2Authorization authorization) {
		store.save(authorization);
	}

	@Override
	public final void remove(OAuth2Authorization authorization) {
		store.remove(authorization);
	}

}
