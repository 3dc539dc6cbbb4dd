package dev.smsauth.key;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.jwk.RSAKey;
import dev.smsauth.audit.AuditEventType;
import dev.smsauth.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotation adds a NEXT key: published at once, signing only after {@code auth.keys.publish-before-use}
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

	/**
	 * Adds a NEXT key, or returns the one already waiting (a second rotation before the first key
	 * signs would only delay it).
	 */
	SigningKeyInfo rotate() {
		Optional<StoredKey> waiting = keys.findNext();
		if (waiting.isPresent()) {
			return waiting.get().info();
		}
		RSAKey key = SigningKeyStore.generate();
		String kid = key.getKeyID();
		Instant now = clock.instant();
		Instant activatesAt = now.plus(properties.publishBeforeUse());
		try {
			tx.executeWithoutResult(status -> {
				keys.insertNext(kid, key.getAlgorithm().getName(), encryption.seal(kid, key.toJSONString()), now,
						activatesAt);
				audit.record(AuditEventType.KEY_ROTATED, null, null, "kid " + kid + ", signs from " + activatesAt);
			});
		}
		catch (DuplicateKeyException ex) {
			// Another request or node added a NEXT key between our look and our insert: that one stands.
			return keys.findNext().map(StoredKey::info).orElseThrow(() -> ex);
		}
		log.info("Added signing key {}; it signs from {}", kid, activatesAt);
		// Published by this node at once; the other nodes publish it at their next refresh.
		store.refresh();
		return new SigningKeyInfo(kid, key.getAlgorithm().getName(), KeyStatus.NEXT, now, activatesAt, null);
	}

	/** Rotates when the newest key is older than {@code age} and no key is waiting. */
	Optional<SigningKeyInfo> rotateIfOlderThan(Duration age) {
		Instant newest = keys.newestCreatedAt();
		if (newest != null && newest.plus(age).isAfter(clock.instant())) {
			return Optional.empty();
		}
		if (keys.findNext().isPresent()) {
			return Optional.empty();
		}
		return Optional.of(rotate());
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
