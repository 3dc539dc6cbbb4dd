package dev.smsauth.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The cryptographic primitives the flows cannot avoid, set up the way auth-server uses them:
 * nimbus-jose-jwt with a 2048-bit RSA key (RS256) or a P-256 key (ES256) over claims the size of
 * our access tokens; Argon2id with exactly the parameters of auth-server's PasswordEncoderConfig
 * ({@code Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()}: 16-byte salt, 32-byte hash,
 * parallelism 1, 16 MiB, 2 iterations), bcrypt at its default cost 10 for comparison; and the
 * SHA-256 check of a 256-bit client secret as Sha256SecretEncoder does it. For the side-by-side
 * run, Keycloak's too: its default password hash since Keycloak 24, Argon2id at 7,168 KiB and 5
 * iterations ({@link KeycloakArgon2id}); the PBKDF2-HMAC-SHA512 of older realms (210,000
 * iterations, 16-byte salt, 512-bit key, through the JDK's SecretKeyFactory as Keycloak's
 * Pbkdf2Sha512PasswordHashProvider does it); and the HS512 MAC of its refresh tokens (a new
 * {@code Mac} per call, as Keycloak's MacSignatureSignerContext does). Shared by the JMH
 * benchmarks and the quick floor measurement, so both time the same code.
 */
public final class Primitives {

	private static final String PASSWORD = "correct horse battery staple";

	private final RSASSASigner rsaSigner;

	private final ECDSASigner ecSigner;

	private final RSASSAVerifier rsaVerifier;

	/** The same keys signing through AWS-LC, as auth-server signs where it loads; null where it does not. */
	private final RSASSASigner rsaSignerAwsLc;

	private final ECDSASigner ecSignerAwsLc;

	private final SignedJWT signedForVerify;

	private final JWTClaimsSet claims;

	private final String kid;

	private final Argon2PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

	private final String argon2Hash;

	private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

	private final String bcryptHash;

	/** Keycloak's PBKDF2-SHA512 defaults (Pbkdf2Sha512PasswordHashProviderFactory), its default hash before version 24. */
	static final int PBKDF2_SHA512_ITERATIONS = 210_000;

	private static final int PBKDF2_KEY_BITS = 512;

	private final byte[] pbkdf2Salt = randomBytes(16);

	private final byte[] pbkdf2Hash;

	private final KeycloakArgon2id keycloakArgon2 = KeycloakArgon2id.hash(PASSWORD, randomBytes(KeycloakArgon2id.SALT_BYTES));

	/** The size of a Keycloak 26 refresh token's signing input (header.payload), about 800 bytes. */
	static final int REFRESH_TOKEN_SIGNING_INPUT_BYTES = 800;

	private final byte[] refreshTokenSigningInput = randomBytes(REFRESH_TOKEN_SIGNING_INPUT_BYTES);

	private final SecretKeySpec hmacKey = new SecretKeySpec(randomBytes(64), "HmacSHA512");

	private final String clientSecret;

	private final String clientSecretHex;

	public Primitives() {
		try {
			RSAKey rsa = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
			ECKey ec = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
			kid = rsa.getKeyID();
			rsaSigner = new RSASSASigner(rsa);
			ecSigner = new ECDSASigner(ec);
			java.security.Provider awsLc = awsLc();
			if (awsLc != null) {
				// As auth-server's ActiveKeyJwtEncoder: the provider's own key objects, made once.
				rsaSignerAwsLc = new RSASSASigner(providersKey("RSA", rsa.toPrivateKey(), awsLc));
				rsaSignerAwsLc.getJCAContext().setProvider(awsLc);
				ecSignerAwsLc = new ECDSASigner(providersKey("EC", ec.toPrivateKey(), awsLc), Curve.P_256);
				ecSignerAwsLc.getJCAContext().setProvider(awsLc);
			}
			else {
				rsaSignerAwsLc = null;
				ecSignerAwsLc = null;
			}
			rsaVerifier = new RSASSAVerifier(rsa.toPublicJWK());
			claims = accessTokenClaims();
			signedForVerify = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
			signedForVerify.sign(rsaSigner);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		argon2Hash = argon2.encode(PASSWORD);
		bcryptHash = bcrypt.encode(PASSWORD);
		pbkdf2Hash = pbkdf2Sha512(PASSWORD);
		byte[] secret = randomBytes(32);
		clientSecret = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		clientSecretHex = HexFormat.of().formatHex(sha256(clientSecret));
	}

	/** Claims like those of an access token this server issues. */
	private static JWTClaimsSet accessTokenClaims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer("https://login.example.com")
			.subject("3f1c9a52-8b7e-4d1a-9c57-2b8f3e6a1d44")
			.audience("bench-client-0123456789")
			.issueTime(java.util.Date.from(now))
			.notBeforeTime(java.util.Date.from(now))
			.expirationTime(java.util.Date.from(now.plusSeconds(600)))
			.jwtID(UUID.randomUUID().toString())
			.claim("scope", List.of("openid", "profile", "phone", "offline_access"))
			.build();
	}

	/** Signs a new access token with RS256 (header, claims serialisation and the RSA signature). */
	public String rs256Sign() {
		return sign(JWSAlgorithm.RS256, rsaSigner);
	}

	/** Signs the same token with ES256. */
	public String es256Sign() {
		return sign(JWSAlgorithm.ES256, ecSigner);
	}

	/** RS256 through AWS-LC (auth-server's {@code auth.keys.signature-provider=auto} on Linux x86-64). */
	public String rs256SignAwsLc() {
		return sign(JWSAlgorithm.RS256, requireAwsLc(rsaSignerAwsLc));
	}

	/** ES256 through AWS-LC. */
	public String es256SignAwsLc() {
		return sign(JWSAlgorithm.ES256, requireAwsLc(ecSignerAwsLc));
	}

	/** Whether AWS-LC loads on this machine (Linux on x86-64). */
	public boolean hasAwsLc() {
		return rsaSignerAwsLc != null;
	}

	private static <T> T requireAwsLc(T signer) {
		if (signer == null) {
			throw new IllegalStateException("AWS-LC does not load on this machine");
		}
		return signer;
	}

	private static java.security.PrivateKey providersKey(String type, java.security.PrivateKey jdkKey,
			java.security.Provider provider) {
		try {
			return java.security.KeyFactory.getInstance(type, provider)
				.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(jdkKey.getEncoded()));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static java.security.Provider awsLc() {
		try {
			var provider = com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE;
			return provider.getLoadingError() == null ? provider : null;
		}
		catch (LinkageError ex) {
			return null;
		}
	}

	private String sign(JWSAlgorithm algorithm, com.nimbusds.jose.JWSSigner signer) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).build(), claims);
			jwt.sign(signer);
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Verifies an RS256 signature (userinfo and every bearer call). */
	public boolean rs256Verify() {
		try {
			return signedForVerify.verify(rsaVerifier);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Checks a password against its Argon2id hash (what a sign-in costs). */
	public boolean argon2idVerify() {
		return argon2.matches(PASSWORD, argon2Hash);
	}

	/** Checks a password against a bcrypt cost-10 hash, for comparison. */
	public boolean bcrypt10Verify() {
		return bcrypt.matches(PASSWORD, bcryptHash);
	}

	/** Checks a password against a PBKDF2-HMAC-SHA512 hash at Keycloak's defaults for it (realms that chose it, or older ones). */
	public boolean pbkdf2Sha512Verify() {
		return MessageDigest.isEqual(pbkdf2Hash, pbkdf2Sha512(PASSWORD));
	}

	private byte[] pbkdf2Sha512(String password) {
		try {
			PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), pbkdf2Salt, PBKDF2_SHA512_ITERATIONS, PBKDF2_KEY_BITS);
			return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Checks a password against its Argon2id hash at Keycloak 24+'s defaults (its sign-in's hash). */
	public boolean keycloakArgon2idVerify() {
		return keycloakArgon2.verify(PASSWORD);
	}

	/** HMAC-SHA512 of a refresh-token-sized JWT: Keycloak signs its refresh tokens with HS512 (and checks them so). */
	public byte[] hmacSha512Jwt() {
		try {
			Mac mac = Mac.getInstance("HmacSHA512");
			mac.init(hmacKey);
			mac.update(refreshTokenSigningInput);
			return mac.doFinal();
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		new SecureRandom().nextBytes(bytes);
		return bytes;
	}

	/** Checks a 256-bit client secret against its stored SHA-256, like Sha256SecretEncoder. */
	public boolean sha256SecretVerify() {
		return MessageDigest.isEqual(HexFormat.of().parseHex(clientSecretHex), sha256(clientSecret));
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
