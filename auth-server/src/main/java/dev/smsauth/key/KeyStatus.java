package dev.smsauth.key;

/** Where a signing key is in its life. Stored by name in {@code signing_key.status}. */
public enum KeyStatus {

	/** Published in the JWKS, not signing yet: relying parties learn it before they meet it. */
	NEXT,
	/** Signs new tokens (the newest ACTIVE key, if a race ever left two). */
	ACTIVE,
	/** Replaced; still published until {@code retire_after} so the tokens it signed keep verifying. */
	RETIRED

}
