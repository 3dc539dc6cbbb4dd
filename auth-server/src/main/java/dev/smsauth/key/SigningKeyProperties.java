package dev.smsauth.key;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;

import dev.smsauth.client.SigningAlgorithm;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signing keys: their encryption at rest and their rotation (README, "Signing keys").
 *
 * @param encryptionKey the key-encryption key (base64 of 32 random bytes, env
 * {@code AUTH_KEYS_ENCRYPTION_KEY}) under which private keys are stored; no default outside the
 * embedded profile, and the embedded default is refused anywhere else
 * @param publishBeforeUse how long a new key is only published (JWKS) before it signs; longer than
 * {@code jwksMaxAge} plus {@code refreshEvery}, so every relying party that caches the JWKS as told
 * has the new key before it sees a token signed with it
 * @param retainAfterRetirement how long a replaced key stays published; at least the longest token
 * lifetime, so every token it signed expires before it disappears
 * @param refreshEvery how often each node re-reads the table (and applies due promotions and
 * removals); all nodes converge within this period
 * @param jwksMaxAge the {@code Cache-Control: max-age} of the JWKS answer
 * @param rotateEvery rotate when the newest key is older than this; unset (the default) means
 * rotation only through the management API
 * @param algorithms the algorithms whose first key is made at start (RS256 by default); an
 * algorithm an application chooses later gets its first key when it first signs. List every
 * algorithm your applications use, so each node publishes its keys from the start.
 * @param signatureProvider what computes the signatures ({@link SignatureProvider}; {@code auto} by
 * default: AWS-LC where it loads, else the JDK)
 */
@ConfigurationProperties("auth.keys")
public record SigningKeyProperties(String encryptionKey, @DefaultValue("10m") Duration publishBeforeUse,
		@DefaultValue("1d") Duration retainAfterRetirement, @DefaultValue("1m") Duration refreshEvery,
		@DefaultValue("5m") Duration jwksMaxAge, Duration rotateEvery,
		@DefaultValue("RS256") List<SigningAlgorithm> algorithms,
		@DefaultValue("auto") SignatureProvider signatureProvider) {

	/** RS256 keys made at start. */
	public SigningKeyProperties(String encryptionKey, Duration publishBeforeUse, Duration retainAfterRetirement,
			Duration refreshEvery, Duration jwksMaxAge, Duration rotateEvery) {
		this(encryptionKey, publishBeforeUse, retainAfterRetirement, refreshEvery, jwksMaxAge, rotateEvery,
				List.of(SigningAlgorithm.DEFAULT), SignatureProvider.AUTO);
	}

	@ConstructorBinding
	public SigningKeyProperties {
		positive("auth.keys.publish-before-use", publishBeforeUse);
		positive("auth.keys.retain-after-retirement", retainAfterRetirement);
		positive("auth.keys.refresh-every", refreshEvery);
		positive("auth.keys.jwks-max-age", jwksMaxAge);
		if (rotateEvery != null) {
			positive("auth.keys.rotate-every", rotateEvery);
		}
		if (publishBeforeUse.compareTo(jwksMaxAge.plus(refreshEvery)) <= 0) {
			throw new IllegalArgumentException("auth.keys.publish-before-use (" + publishBeforeUse
					+ ") must be longer than auth.keys.jwks-max-age plus auth.keys.refresh-every (" + jwksMaxAge.plus(refreshEvery)
					+ "): relying parties would meet tokens signed with a key their cached JWKS does not have yet");
		}
		algorithms = algorithms == null || algorithms.isEmpty() ? List.of(SigningAlgorithm.DEFAULT)
				: List.copyOf(new LinkedHashSet<>(algorithms));
		signatureProvider = signatureProvider == null ? SignatureProvider.AUTO : signatureProvider;
		if (rotateEvery != null && rotateEvery.compareTo(publishBeforeUse) <= 0) {
			throw new IllegalArgumentException("auth.keys.rotate-every must be longer than auth.keys.publish-before-use");
		}
	}

	private static void positive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be more than 0");
		}
	}

	@Override
	public String toString() {
		return "SigningKeyProperties[publishBeforeUse=" + publishBeforeUse + ", retainAfterRetirement="
				+ retainAfterRetirement + ", refreshEvery=" + refreshEvery + ", jwksMaxAge=" + jwksMaxAge
				+ ", rotateEvery=" + rotateEvery + ", algorithms=" + algorithms + ", signatureProvider=" + signatureProvider
				+ ", encryptionKey=<hidden>]";
	}

}
