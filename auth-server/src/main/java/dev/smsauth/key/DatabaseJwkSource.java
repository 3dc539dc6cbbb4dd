package dev.smsauth.key;

import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Publishes every stored key for verification (JWKS endpoint, our own resource server) but offers
 * only the current key when a private key is asked for, i.e. when a token is being signed.
 */
final class DatabaseJwkSource implements JWKSource<SecurityContext> {

	private final SigningKeyStore store;

	DatabaseJwkSource(SigningKeyStore store) {
		this.store = store;
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		if (selector.getMatcher().isPrivateOnly()) {
			return selector.select(new JWKSet(store.signingKey()));
		}
		return selector.select(new JWKSet(store.verificationKeys()));
	}

}
