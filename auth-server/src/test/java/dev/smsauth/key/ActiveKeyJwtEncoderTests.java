package dev.smsauth.key;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyFactorySpi;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SignatureSpi;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import dev.smsauth.client.SigningAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tokens signed through AWS-LC are the tokens Spring Security's own encoder makes: the same header
 * and claims, signatures the JDK verifies, and for RS256 (deterministic) the very same bytes.
 */
class ActiveKeyJwtEncoderTests {

	private static final Map<SigningAlgorithm, JWK> KEYS = Map.of(SigningAlgorithm.RS256,
			KeyPairs.generate(SigningAlgorithm.RS256), SigningAlgorithm.PS256, KeyPairs.generate(SigningAlgorithm.PS256),
			SigningAlgorithm.ES256, KeyPairs.generate(SigningAlgorithm.ES256));

	private static final JWKSource<SecurityContext> SOURCE = new ImmutableJWKSet<>(new JWKSet(List.copyOf(KEYS.values())));

	/** Claims as the authorization server writes them into an ID token (auth_time a Date, as the framework puts it). */
	private static JwtEncoderParameters idToken(SigningAlgorithm algorithm) {
		Instant now = Instant.ofEpochSecond(1_790_000_000L);
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer("http://localhost:9000")
			.subject("8c1f4e0a-2b57-4d0e-9a61-3f0c2d7b9e14")
			.audience(List.of("demo-client"))
			.issuedAt(now)
			.expiresAt(now.plusSeconds(1800))
			.id("a3b2c1")
			.claim("auth_time", Date.from(now.minusSeconds(5)))
			.claim("amr", List.of("pwd", "sms", "mfa"))
			.claim("sid", "Zk2s9")
			.build();
		return JwtEncoderParameters.from(JwsHeader.with(algorithm.signatureAlgorithm()).type("JWT").build(), claims);
	}

	private static ActiveKeyJwtEncoder awsLc() {
		Optional<Provider> provider = SignatureProviders.choose(SignatureProvider.AUTO);
		assumeThat(provider).as("AWS-LC loads on Linux x86-64 only").isPresent();
		return new ActiveKeyJwtEncoder(SOURCE, provider);
	}

	@ParameterizedTest
	@EnumSource(SigningAlgorithm.class)
	void whenSignedThroughAwsLcThenTheJdkVerifiesItAndHeaderAndClaimsAreSpringSecuritys(SigningAlgorithm algorithm)
			throws Exception {
		SignedJWT ours = SignedJWT.parse(awsLc().encode(idToken(algorithm)).getTokenValue());
		NimbusJwtEncoder springs = new NimbusJwtEncoder(SOURCE);
		SignedJWT reference = SignedJWT.parse(springs.encode(idToken(algorithm)).getTokenValue());

		assertThat(ours.verify(jdkVerifier(KEYS.get(algorithm)))).isTrue();
		assertThat(ours.getHeader().toJSONObject()).isEqualTo(reference.getHeader().toJSONObject());
		assertThat(ours.getHeader().getKeyID()).isEqualTo(KEYS.get(algorithm).getKeyID());
		assertThat(ours.getJWTClaimsSet().toJSONObject()).isEqualTo(reference.getJWTClaimsSet().toJSONObject());
		assertThat(ours.getJWTClaimsSet().getLongClaim("auth_time")).isEqualTo(1_790_000_000L - 5);
	}

	@Test
	void whenRs256ThenAwsLcAndTheJdkSignTheSameBytes() {
		String awsLc = awsLc().encode(idToken(SigningAlgorithm.RS256)).getTokenValue();
		String jdk = new ActiveKeyJwtEncoder(SOURCE, Optional.empty()).encode(idToken(SigningAlgorithm.RS256))
			.getTokenValue();

		assertThat(awsLc).isEqualTo(jdk);
	}

	/** Handed the JDK's key object, AWS-LC converts it on every signature, which costs what it saves. */
	@ParameterizedTest
	@EnumSource(SigningAlgorithm.class)
	void whenSigningThroughAwsLcThenTheSignerHoldsAwsLcsOwnKey(SigningAlgorithm algorithm) {
		JWSSigner signer = awsLc().signerFor(KEYS.get(algorithm));

		PrivateKey key = signer instanceof RSASSASigner rsa ? rsa.getPrivateKey() : ((ECDSASigner) signer).getPrivateKey();
		assertThat(key.getClass().getName()).startsWith("com.amazon.corretto.crypto.provider.");
		assertThat(signer.getJCAContext().getProvider().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
	}

	@Test
	void whenTheProviderSignsWrongThenTheKeySignsThroughTheJdkAndTheTokenStillVerifies() throws Exception {
		ActiveKeyJwtEncoder encoder = new ActiveKeyJwtEncoder(SOURCE, Optional.of(new GarbageSignatures()));

		SignedJWT token = SignedJWT.parse(encoder.encode(idToken(SigningAlgorithm.RS256)).getTokenValue());

		assertThat(token.verify(jdkVerifier(KEYS.get(SigningAlgorithm.RS256)))).isTrue();
		assertThat(encoder.signerFor(KEYS.get(SigningAlgorithm.RS256)).getJCAContext().getProvider()).isNull();
	}

	@Test
	void whenTheProviderCanNotMakeTheKeyThenTheKeySignsThroughTheJdk() throws Exception {
		Provider noKeys = new Provider("NoKeys", "1", "has no key factory, for tests") {
		};
		ActiveKeyJwtEncoder encoder = new ActiveKeyJwtEncoder(SOURCE, Optional.of(noKeys));

		SignedJWT token = SignedJWT.parse(encoder.encode(idToken(SigningAlgorithm.ES256)).getTokenValue());

		assertThat(token.verify(jdkVerifier(KEYS.get(SigningAlgorithm.ES256)))).isTrue();
		assertThat(encoder.signerFor(KEYS.get(SigningAlgorithm.ES256)).getJCAContext().getProvider()).isNull();
	}

	@Test
	void whenTheHeaderAsksForSomethingWeDoNotWriteThenItIsRefusedNotDropped() {
		JwtEncoderParameters withJku = JwtEncoderParameters.from(
				JwsHeader.with(SigningAlgorithm.RS256.signatureAlgorithm()).jwkSetUrl("https://example.com/jwks").build(),
				idToken(SigningAlgorithm.RS256).getClaims());

		assertThatThrownBy(() -> new ActiveKeyJwtEncoder(SOURCE, Optional.empty()).encode(withJku))
			.isInstanceOf(JwtEncodingException.class)
			.hasMessageContaining("jku");
	}

	@Test
	void whenNoActiveKeyHasTheAlgorithmThenEncodingFailsClearly() {
		JWKSource<SecurityContext> rsaOnly = new ImmutableJWKSet<>(new JWKSet(KEYS.get(SigningAlgorithm.RS256)));

		assertThatThrownBy(() -> new ActiveKeyJwtEncoder(rsaOnly, Optional.empty()).encode(idToken(SigningAlgorithm.ES256)))
			.isInstanceOf(JwtEncodingException.class)
			.hasMessageContaining("0 active signing keys match ES256");
	}

	@Test
	void whenTheJdkIsAskedForThenNoProviderIsChosen() {
		assertThat(SignatureProviders.choose(SignatureProvider.JDK)).isEmpty();
	}

	@Test
	void whenAwsLcIsRequiredOnLinuxX8664ThenItIsChosen() {
		assumeThat(System.getProperty("os.name")).isEqualTo("Linux");
		assumeThat(System.getProperty("os.arch")).isIn("amd64", "x86_64");

		assertThat(SignatureProviders.choose(SignatureProvider.AWS_LC)).get()
			.extracting(Provider::getName)
			.isEqualTo("AmazonCorrettoCryptoProvider");
	}

	private static JWSVerifier jdkVerifier(JWK key) throws Exception {
		return key instanceof RSAKey rsa ? new RSASSAVerifier(rsa.toPublicJWK())
				: new ECDSAVerifier(((ECKey) key).toPublicJWK());
	}

	/** A provider whose RSA "signatures" are random bytes of the right length: the self-check must catch it. */
	static final class GarbageSignatures extends Provider {

		GarbageSignatures() {
			super("GarbageSignatures", "1", "signs wrong, for tests");
			put("Signature.SHA256withRSA", Garbage.class.getName());
			put("KeyFactory.RSA", JdkRsaKeys.class.getName());
		}

		/** Keys as the JDK makes them, so the encoder gets as far as the probe signature. */
		public static final class JdkRsaKeys extends KeyFactorySpi {

			private final KeyFactory jdk;

			public JdkRsaKeys() throws NoSuchAlgorithmException {
				jdk = KeyFactory.getInstance("RSA");
			}

			@Override
			protected PublicKey engineGeneratePublic(KeySpec keySpec) throws InvalidKeySpecException {
				return jdk.generatePublic(keySpec);
			}

			@Override
			protected PrivateKey engineGeneratePrivate(KeySpec keySpec) throws InvalidKeySpecException {
				return jdk.generatePrivate(keySpec);
			}

			@Override
			protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> keySpec) throws InvalidKeySpecException {
				return jdk.getKeySpec(key, keySpec);
			}

			@Override
			protected Key engineTranslateKey(Key key) throws InvalidKeyException {
				return jdk.translateKey(key);
			}

		}

		public static final class Garbage extends SignatureSpi {

			@Override
			protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
			}

			@Override
			protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
			}

			@Override
			protected void engineUpdate(byte b) {
			}

			@Override
			protected void engineUpdate(byte[] b, int off, int len) {
			}

			@Override
			protected byte[] engineSign() {
				byte[] signature = new byte[256];
				new SecureRandom().nextBytes(signature);
				return signature;
			}

			@Override
			protected boolean engineVerify(byte[] sigBytes) {
				return false;
			}

			@Override
			@Deprecated
			protected void engineSetParameter(String param, Object value) {
			}

			@Override
			@Deprecated
			protected Object engineGetParameter(String param) {
				return null;
			}

		}

	}

}
