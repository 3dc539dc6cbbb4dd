package dev.smsauth.key;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.jwk.JWK;
import dev.smsauth.client.SigningAlgorithm;
import dev.smsauth.audit.AuditEventType;
import dev.smsauth.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotation adds a NEXT key of each algorithm in use (or of one): published at once, signing only after {@code auth.keys.publish-before-use}
 * (the promotion itself happens in {@link SigningKeyStore}'s refresh). There is no way to make a
 * key sign at once: relying parties that cached the JWKS would refuse its tokens.
 */
@Service
class KeyRotation {

	private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

	private final SigningKeyRepository keys;

	private final SigningKeyStore store;

	private final KeyEncryption encryption;

	private final SigningKeyProperties properties;

	private final TransactionTemplate tx;

	private final AuditLog audit;

	private final Clock clock;

	KeyRotation(SigningKeyRepository keys, SigningKeyStore store, KeyEncryption encryption,
			SigningKeyProperties properties, TransactionTemplate tx, AuditLog audit, Clock clock) {
		this.keys = keys;
		this.store = store;
		this.encryption = encryption;
		this.properties = properties;
		this.tx = tx;
		this.audit = audit;
		this.clock = clock;
	}

	/** Rotates every algorithm in use (one with a key, or listed in {@code auth.keys.algorithms}). */
	List<SigningKeyInfo> rotateAll() {
		return inUse().stream().map(this::rotate).toList();
	}

	/**
	 * Adds a NEXT key of the algorithm, or returns the one already waiting (a second rotation before
	 * the first key signs would only delay it).
	 */
	SigningKeyInfo rotate(SigningAlgorithm algorithm) {
		Optional<StoredKey> waiting = keys.findNext(algorithm.value());
		if (waiting.isPresent()) {
			return waiting.get().info();
		}
		JWK key = KeyPairs.generate(algorithm);
		String kid = key.getKeyID();
		Instant now = clock.instant();
		Instant activatesAt = now.plus(properties.publishBeforeUse());
		try {
			tx.executeWithoutResult(status -> {
				keys.insertNext(kid, algorithm.value(), encryption.seal(kid, key.toJSONString()), now, activatesAt);
				audit.record(AuditEventType.KEY_ROTATED, null, null,
						"kid " + kid + " (" + algorithm.value() + "), signs from " + activatesAt);
			});
		}
		catch (DuplicateKeyException ex) {
			// Another request or node added a NEXT key between our look and our insert: that one stands.
			return keys.findNext(algorithm.value()).map(StoredKey::info).orElseThrow(() -> ex);
		}
		log.info("Added {} signing key {}; it signs from {}", algorithm.value(), kid, activatesAt);
		// Published by this node at once; the other nodes publish it at their next refresh.
		store.refresh();
		return new SigningKeyInfo(kid, algorithm.value(), KeyStatus.NEXT, now, activatesAt, null);
	}

	/** Rotates each algorithm in use whose newest key is older than {@code age} and that has no key waiting. */
	List<SigningKeyInfo> rotateIfOlderThan(Duration age) {
		List<SigningKeyInfo> rotated = new ArrayList<>();
		for (SigningAlgorithm algorithm : inUse()) {
			Instant newest = keys.newestCreatedAt(algorithm.value());
			if (newest != null && newest.plus(age).isAfter(clock.instant())) {
				continue;
			}
			if (keys.findNext(algorithm.value()).isEmpty()) {
				rotated.add(rotate(algorithm));
			}
		}
		return rotated;
	}

	/** In the order of {@link SigningAlgorithm} (RS256 first). */
	private Set<SigningAlgorithm> inUse() {
		Set<SigningAlgorithm> algorithms = EnumSet.copyOf(properties.algorithms());
		keys.algorithms().forEach(name -> SigningAlgorithm.of(name).ifPresent(algorithms::add));
		return algorithms;
	}

	/** Every key in the table, newest first. */
	List<SigningKeyInfo> list() {
		return keys.findAll()
			.stream()
			.sorted((a, b) -> b.createdAt().compareTo(a.createdAt()))
			.map(StoredKey::info)
			.toList();
	}

}
