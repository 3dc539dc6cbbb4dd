package dev.smsauth.key;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.smsauth.client.ApplicationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps that fall due with time, applied by whichever node refreshes first: a NEXT key whose
 * {@code activates_at} has come becomes ACTIVE and the previous ACTIVE key of its algorithm RETIRED; RETIRED keys
 * past {@code retire_after} are deleted. Both are conditional statements, so nodes doing the same
 * step at the same moment do it once.
 */
@Component
class KeyLifecycle {

	private static final Logger log = LoggerFactory.getLogger(KeyLifecycle.class);

	private final SigningKeyRepository keys;

	private final SigningKeyProperties properties;

	private final TransactionTemplate tx;

	KeyLifecycle(SigningKeyRepository keys, SigningKeyProperties properties, TransactionTemplate tx) {
		this.keys = keys;
		this.properties = properties;
		this.tx = tx;
		Duration longest = ApplicationService.longestTokenLifetime();
		if (properties.retainAfterRetirement().compareTo(longest) < 0) {
			throw new IllegalArgumentException("auth.keys.retain-after-retirement (" + properties.retainAfterRetirement()
					+ ") must be at least the longest token lifetime (" + longest
					+ "): tokens signed by a retired key would stop verifying before they expire");
		}
	}

	/** Applies what is due in {@code rows}; true when the table changed (here or elsewhere) and must be read again. */
	boolean advance(List<StoredKey> rows, Instant now) {
		boolean changed = false;
		for (StoredKey row : rows) {
			if (row.status() == KeyStatus.NEXT && row.activatesAt() != null && !row.activatesAt().isAfter(now)) {
				promote(row.kid(), row.algorithm(), now);
				changed = true;
			}
		}
		if (rows.stream().anyMatch(row -> isExpired(row, now))) {
			int deleted = keys.deleteRetiredUpTo(now);
			if (deleted > 0) {
				log.info("Removed {} retired signing key(s) from the JWKS", deleted);
			}
			changed = true;
		}
		return changed;
	}

	/** A RETIRED key past {@code retire_after}: no longer published, about to be deleted. */
	static boolean isExpired(StoredKey row, Instant now) {
		return row.status() == KeyStatus.RETIRED && row.retireAfter() != null && !row.retireAfter().isAfter(now);
	}

	private void promote(String kid, String algorithm, Instant now) {
		// Other nodes may go on signing with the old key until their next refresh; its tokens live
		// at most the longest token lifetime after that.
		Instant retireAfter = now.plus(properties.refreshEvery()).plus(properties.retainAfterRetirement());
		boolean promoted;
		try {
			promoted = Boolean.TRUE.equals(tx.execute(status -> {
				// Retire first: the algorithm's one ACTIVE marker (V16) must be free before the promotion.
				keys.retireActiveExcept(kid, algorithm, retireAfter);
				if (!keys.promote(kid)) {
					// Another node promoted it first; its retirement stands, not ours.
					status.setRollbackOnly();
					return false;
				}
				return true;
			}));
		}
		catch (DuplicateKeyException ex) {
			// Another node promoted it between our two statements: its transaction holds the marker.
			promoted = false;
		}
		if (promoted) {
			log.info("Signing key {} ({}) now signs; the previous key stays published until {}", kid, algorithm, retireAfter);
		}
	}

}
