package dev.smsauth.key;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.smsauth.observability.CryptoCpu;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JoseHeaderNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.util.StringUtils;

/**
 * Signs ID tokens and JWT access tokens with the active key of the header's algorithm
 * ({@link ActiveKeySource}) through the provider {@link SignatureProviders} chose. It does what
 * Spring Security's {@code NimbusJwtEncoder} does for the headers the authorization server writes
 * ({@code alg}, {@code kid}, {@code typ}, {@code cty} and private ones) and the same claim mapping,
 * and exists because that encoder builds its signers with a fixed factory that can not be given a
 * provider. Headers it would not know how to write ({@code jku}, {@code jwk}, {@code x5c}, ...) are
 * refused rather than left out.
 *
 * <p>Each key's signer is made once and checked once: a probe signed through the chosen provider
 * must verify with the JDK's verifier, or that key signs through the JDK (and the log says so), so a
 * faulty native library can never put a token into the world that relying parties reject.
 */
final class ActiveKeyJwtEncoder implements JwtEncoder {

	private static final Logger log = LoggerFactory.getLogger(ActiveKeyJwtEncoder.class);

	private static final JwsHeader DEFAULT_HEADER = JwsHeader.with(SignatureAlgorithm.RS256).build();

	/** Headers we write; every other registered JOSE header is refused. */
	private static final Set<String> WRITTEN_HEADERS = Set.of(JoseHeaderNames.ALG, JoseHeaderNames.KID,
			JoseHeaderNames.TYP, JoseHeaderNames.CTY);

	/** Rotation replaces keys now and then; the map is emptied when it grows past a few generations. */
	private static final int MAX_SIGNERS = 32;

	private static final byte[] PROBE = "signature self-check".getBytes(StandardCharsets.US_ASCII);

	private final JWKSource<SecurityContext> activeKeys;

	private final Optional<Provider> provider;

	private final Map<JWK, JWSSigner> signers = new ConcurrentHashMap<>();

	private final CryptoCpu cpu;

	ActiveKeyJwtEncoder(JWKSource<SecurityContext> activeKeys, Optional<Provider> provider) {
		this(activeKeys, provider, CryptoCpu.NONE);
	}

	ActiveKeyJwtEncoder(JWKSource<SecurityContext> activeKeys, Optional<Provider> provider, CryptoCpu cpu) {
		this.activeKeys = activeKeys;
		this.provider = provider;
		this.cpu = cpu;
	}

	@Override
	public Jwt encode(JwtEncoderParameters parameters) throws JwtEncodingException {
		JwsHeader headers = parameters.getJwsHeader() != null ? parameters.getJwsHeader() : DEFAULT_HEADER;
		JwtClaimsSet claims = parameters.getClaims();
		JWK key = activeKey(headers);
		if (!StringUtils.hasText(headers.getKeyId())) {
			headers = JwsHeader.from(headers).keyId(key.getKeyID()).build();
		}
		SignedJWT jwt = new SignedJWT(nimbusHeader(headers), nimbusClaims(claims)); // encodes header and claims
		JWSSigner signer = signer(key);
		long started = cpu.start();
		try {
			jwt.sign(signer);
		}
		catch (JOSEException ex) {
			throw new JwtEncodingException("could not sign the JWT: " + ex.getMessage(), ex);
		}
		finally {
			cpu.stop(CryptoCpu.Operation.TOKEN_SIGNATURE, started);
		}
		return new Jwt(jwt.serialize(), claims.getIssuedAt(), claims.getExpiresAt(), headers.getHeaders(),
				claims.getClaims());
	}

	/** The one active key of the header's algorithm (and of its {@code kid}, when the header names one). */
	private JWK activeKey(JwsHeader headers) {
		JWSAlgorithm algorithm = JWSAlgorithm.parse(headers.getAlgorithm().getName());
		if (!JWSAlgorithm.Family.RSA.contains(algorithm) && !JWSAlgorithm.Family.EC.contains(algorithm)) {
			throw new JwtEncodingException("no signing keys of algorithm " + algorithm);
		}
		JWKMatcher matcher = new JWKMatcher.Builder().keyType(KeyType.forAlgorithm(algorithm))
			.keyID(headers.getKeyId())
			.keyUses(KeyUse.SIGNATURE, null)
			.algorithms(algorithm, null)
			.build();
		List<JWK> keys;
		try {
			keys = activeKeys.get(new JWKSelector(matcher), null);
		}
		catch (Exception ex) {
			throw new JwtEncodingException("could not select a signing key: " + ex.getMessage(), ex);
		}
		if (keys.size() != 1) {
			throw new JwtEncodingException(keys.size() + " active signing keys match " + algorithm
					+ (headers.getKeyId() == null ? "" : " and kid " + headers.getKeyId()) + "; expected one");
		}
		return keys.get(0);
	}

	private JWSSigner signer(JWK key) {
		JWSSigner signer = signers.get(key);
		if (signer == null) {
			if (signers.size() >= MAX_SIGNERS) {
				signers.clear();
			}
			signer = signers.computeIfAbsent(key, this::checkedSigner);
		}
		return signer;
	}

	/** A signer through the chosen provider if its probe verifies with the JDK, else the JDK's own. */
	private JWSSigner checkedSigner(JWK key) {
		Optional<JWSSigner> chosen = provider.flatMap(p -> providerSignerThatVerifies(key, p));
		if (chosen.isPresent()) {
			return chosen.get();
		}
		try {
			return jdkSigner(key);
		}
		catch (JOSEException ex) {
			throw new JwtEncodingException("could not make a signer for key " + key.getKeyID() + ": " + ex.getMessage(),
					ex);
		}
	}

	/** The provider's signer, if it signs a probe the JDK's verifier accepts; else empty, and the log says why. */
	private static Optional<JWSSigner> providerSignerThatVerifies(JWK key, Provider provider) {
		JWSAlgorithm algorithm = JWSAlgorithm.parse(key.getAlgorithm().getName());
		JWSHeader header = new JWSHeader(algorithm);
		try {
			JWSSigner signer = providerSigner(key, provider);
			if (verifier(key).verify(header, PROBE, signer.sign(header, PROBE))) {
				return Optional.of(signer);
			}
			log.error("Signing key {} ({}): the {} signature did not verify; this key signs through the JDK",
					key.getKeyID(), algorithm, provider.getName());
		}
		catch (JOSEException | GeneralSecurityException | RuntimeException ex) {
			log.error("Signing key {} ({}): {} could not sign ({}); this key signs through the JDK", key.getKeyID(),
					algorithm, provider.getName(), ex.toString());
		}
		return Optional.empty();
	}

	private static JWSSigner jdkSigner(JWK key) throws JOSEException {
		if (key instanceof RSAKey rsa) {
			return new RSASSASigner(rsa);
		}
		if (key instanceof ECKey ec) {
			return new ECDSASigner(ec);
		}
		throw new JOSEException("unsupported key type " + key.getKeyType());
	}

	/**
	 * The private key is re-made as the provider's own key object, once: handed the JDK's key, a
	 * provider converts it on every signature (for AWS-LC that conversion cost as much as the JDK's
	 * whole RSA signature), since Nimbus asks for a new {@code Signature} each time.
	 */
	private static JWSSigner providerSigner(JWK key, Provider provider) throws JOSEException, GeneralSecurityException {
		JWSSigner signer;
		if (key instanceof RSAKey rsa) {
			signer = new RSASSASigner(providersKey("RSA", rsa.toPrivateKey(), provider));
		}
		else if (key instanceof ECKey ec) {
			signer = new ECDSASigner(providersKey("EC", ec.toPrivateKey(), provider), ec.getCurve());
		}
		else {
			throw new JOSEException("unsupported key type " + key.getKeyType());
		}
		signer.getJCAContext().setProvider(provider);
		return signer;
	}

	private static PrivateKey providersKey(String type, PrivateKey jdkKey, Provider provider)
			throws GeneralSecurityException {
		return KeyFactory.getInstance(type, provider).generatePrivate(new PKCS8EncodedKeySpec(jdkKey.getEncoded()));
	}

	/** For tests: the signer this key signs with. */
	JWSSigner signerFor(JWK key) {
		return signer(key);
	}

	private static JWSVerifier verifier(JWK key) throws JOSEException {
		return key instanceof RSAKey rsa ? new RSASSAVerifier(rsa.toPublicJWK())
				: new ECDSAVerifier(((ECKey) key).toPublicJWK());
	}

	private static JWSHeader nimbusHeader(JwsHeader headers) {
		JWSHeader.Builder builder = new JWSHeader.Builder(JWSAlgorithm.parse(headers.getAlgorithm().getName()))
			.keyID(headers.getKeyId());
		if (StringUtils.hasText(headers.getType())) {
			builder.type(new JOSEObjectType(headers.getType()));
		}
		if (StringUtils.hasText(headers.getContentType())) {
			builder.contentType(headers.getContentType());
		}
		headers.getHeaders().forEach((name, value) -> {
			if (WRITTEN_HEADERS.contains(name)) {
				return;
			}
			if (JWSHeader.getRegisteredParameterNames().contains(name)) {
				throw new JwtEncodingException("the JOSE header " + name + " is not supported");
			}
			builder.customParam(name, value);
		});
		return builder.build();
	}

	/** As Spring Security maps them: registered claims by their setters (times as dates), every other as it is. */
	private static JWTClaimsSet nimbusClaims(JwtClaimsSet claims) {
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
		Object issuer = claims.getClaim(JwtClaimNames.ISS);
		if (issuer != null) {
			builder.issuer(issuer.toString());
		}
		if (StringUtils.hasText(claims.getSubject())) {
			builder.subject(claims.getSubject());
		}
		if (claims.getAudience() != null && !claims.getAudience().isEmpty()) {
			builder.audience(claims.getAudience());
		}
		if (claims.getExpiresAt() != null) {
			builder.expirationTime(java.util.Date.from(claims.getExpiresAt()));
		}
		if (claims.getNotBefore() != null) {
			builder.notBeforeTime(java.util.Date.from(claims.getNotBefore()));
		}
		if (claims.getIssuedAt() != null) {
			builder.issueTime(java.util.Date.from(claims.getIssuedAt()));
		}
		if (StringUtils.hasText(claims.getId())) {
			builder.jwtID(claims.getId());
		}
		Set<String> registered = JWTClaimsSet.getRegisteredNames();
		claims.getClaims().forEach((name, value) -> {
			if (!registered.contains(name)) {
				builder.claim(name, value);
			}
		});
		return builder.build();
	}

}
