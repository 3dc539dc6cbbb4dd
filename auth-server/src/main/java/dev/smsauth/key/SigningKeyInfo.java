package dev.smsauth.key;

import java.time.Instant;

/**
 * What the management API shows of a signing key: never its private parts.
 *
 * @param activatesAt when a NEXT key starts signing (for an ACTIVE key: when it did; null for the
 * first key, which signed at once)
 * @param retireAfter when a RETIRED key leaves the JWKS; null otherwise
 */
record SigningKeyInfo(String kid, String algorithm, KeyStatus status, Instant createdAt, Instant activatesAt,
		Instant retireAfter) {
}
