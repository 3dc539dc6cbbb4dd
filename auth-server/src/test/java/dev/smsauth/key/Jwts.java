package dev.smsauth.key;

import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

import static org.assertj.core.api.Assertions.assertThat;

/** What a relying party does with our tokens: read the kid, verify with the JWKS it fetched. */
final class Jwts {

	private Jwts() {
	}

	static String kid(String token) throws Exception {
		return SignedJWT.parse(token).getHeader().getKeyID();
	}

	static void assertVerifies(JWKSet jwks, String token) throws Exception {
		SignedJWT jwt = SignedJWT.parse(token);
		JWK key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(key).as("key %s in the JWKS", jwt.getHeader().getKeyID()).isNotNull();
		// RSA or EC, whichever the header's algorithm names.
		assertThat(jwt.verify(new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(),
				((AsymmetricJWK) key).toPublicKey()))).as("signature of a token signed by %s", key.getKeyID())
			.isTrue();
	}

}
