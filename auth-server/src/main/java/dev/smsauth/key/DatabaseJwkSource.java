package dev.smsauth.key;

import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Every published key (NEXT, ACTIVE and RETIRED until its time): the JWKS endpoint and our own
 * token verification. Signing does not go through here but through {@link JwkSourceConfig#jwtEncoder}.
 */
final class DatabaseJwkSource implements JWKSource<SecurityContext> {

	private final SigningKeyStore store;

	DatabaseJwkSource(SigningKeyStore store) {
		this.store = store;
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		// A token names its key: one this node has not seen yet makes it look again (rate-limited).
		var kids = selector.getMatcher().getKeyIDs();
		String kid = (kids == null || kids.size() != 1) ? null : kids.iterator().next();
		return selector.select(new JWKSet(store.verificationKeys(kid)));
	}

}
