package dev.smsauth.client;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * The JWS algorithms an application may have its ID tokens and JWT access tokens signed with
 * ({@code idTokenSignedResponseAlg}, {@code accessTokenSignedResponseAlg}). Each has keys of its own
 * in the key store ({@code key} package), in the same rotation lifecycle.
 * <p>
 * PS256 has its own RSA keys rather than sharing RS256's: a JWK names one {@code alg}, relying
 * parties select keys by it, and using one key with two algorithms is what RFC 8725 advises against.
 * EdDSA is left out: Spring Security's JWT encoder finds no key for it, its {@link SignatureAlgorithm}
 * has no such constant, and Spring's relying parties could not verify it.
 */
public enum SigningAlgorithm {

	/** RSASSA-PKCS1-v1_5 with SHA-256, 2048-bit RSA keys: what every relying party accepts (the default). */
	RS256(SignatureAlgorithm.RS256),

	/** RSASSA-PSS with SHA-256, 2048-bit RSA keys of its own. */
	PS256(SignatureAlgorithm.PS256),

	/** ECDSA on P-256 with SHA-256: about four times cheaper to sign than RS256, shorter tokens. */
	ES256(SignatureAlgorithm.ES256);

	/** For applications registered before the setting existed. */
	public static final SigningAlgorithm DEFAULT = RS256;

	private final SignatureAlgorithm signatureAlgorithm;

	SigningAlgorithm(SignatureAlgorithm signatureAlgorithm) {
		this.signatureAlgorithm = signatureAlgorithm;
	}

	/** The JWS name ({@code alg}), also the name in the management API, the console and discovery. */
	public String value() {
		return name();
	}

	/** Spring Security's name for it, as the registered client's token settings hold it. */
	public SignatureAlgorithm signatureAlgorithm() {
		return signatureAlgorithm;
	}

	/** Exact JWS names only ({@code RS256}, not {@code rs256}): JWS names are case-sensitive. */
	public static Optional<SigningAlgorithm> of(String value) {
		return Arrays.stream(values()).filter(a -> a.name().equals(value)).findFirst();
	}

	/** Every supported name, for discovery's {@code id_token_signing_alg_values_supported}. */
	public static List<String> names() {
		return Arrays.stream(values()).map(SigningAlgorithm::value).toList();
	}

}
