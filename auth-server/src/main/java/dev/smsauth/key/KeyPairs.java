package dev.smsauth.key;

import java.text.ParseException;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.smsauth.client.SigningAlgorithm;

/**
 * New private keys for each signing algorithm, and stored ones read back. Every key names its
 * {@code alg}: the JWT encoder and relying parties pick keys by it, which is what keeps an RS256
 * and a PS256 key (both RSA) apart.
 */
final class KeyPairs {

	private KeyPairs() {
	}

	static JWK generate(SigningAlgorithm algorithm) {
		JWSAlgorithm alg = JWSAlgorithm.parse(algorithm.value());
		String kid = UUID.randomUUID().toString();
		try {
			return switch (algorithm) {
				case RS256, PS256 -> new RSAKeyGenerator(2048).keyID(kid).algorithm(alg).keyUse(KeyUse.SIGNATURE).generate();
				case ES256 -> new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(alg).keyUse(KeyUse.SIGNATURE).generate();
			};
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("could not generate a " + algorithm.value() + " signing key", ex);
		}
	}

	/** A stored private JWK (RSA or EC); the row's kid must be the key's. */
	static JWK parse(String kid, String json) {
		JWK jwk;
		try {
			jwk = JWK.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("signing key " + kid + " could not be read");
		}
		if (!kid.equals(jwk.getKeyID())) {
			throw new IllegalStateException("signing key " + kid + " holds a key with another kid");
		}
		return jwk;
	}

}
