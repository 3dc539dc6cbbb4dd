package dev.smsauth.key;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.smsauth.client.SigningAlgorithm;

/**
 * The keys the JWT encoder may sign with: the ACTIVE key of each algorithm, never a NEXT key
 * (relying parties may not have fetched it yet). The encoder's selector asks for the header's
 * algorithm ({@code alg} and the key type), so among an RS256 and a PS256 key, both RSA, it finds
 * the one whose JWK names that algorithm. An algorithm that never signed before gets its first key
 * here, once ({@link SigningKeyStore#signingKey(SigningAlgorithm)}).
 */
final class ActiveKeySource implements JWKSource<SecurityContext> {

	private final SigningKeyStore store;

	ActiveKeySource(SigningKeyStore store) {
		this.store = store;
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		requested(selector).ifPresent(store::signingKey);
		return selector.select(new JWKSet(store.signingKeys()));
	}

	/** The algorithm in the header; the matcher also allows keys without {@code alg} (null), which we never have. */
	private static Optional<SigningAlgorithm> requested(JWKSelector selector) {
		if (selector.getMatcher().getAlgorithms() == null) {
			return Optional.empty();
		}
		return selector.getMatcher()
			.getAlgorithms()
			.stream()
			.filter(Objects::nonNull)
			.map(algorithm -> SigningAlgorithm.of(algorithm.getName()))
			.flatMap(Optional::stream)
			.findFirst();
	}

}
