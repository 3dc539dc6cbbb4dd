package dev.smsauth.key;

import java.time.Instant;

/**
 * One row of {@code signing_key}. {@code text} is the private JWK, sealed by {@link KeyEncryption}
 * (or plain JSON in a row from before encryption, until the start-up migration seals it).
 */
record StoredKey(String kid, String algorithm, KeyStatus status, String text, Instant createdAt, Instant activatesAt,
		Instant retireAfter) {

	SigningKeyInfo info() {
		return new SigningKeyInfo(kid, algorithm, status, createdAt, activatesAt, retireAfter);
	}

}
