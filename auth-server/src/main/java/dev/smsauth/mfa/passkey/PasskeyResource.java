package dev.smsauth.mfa.passkey;

import java.time.Instant;

/** A passkey in the management API: an opaque id and its name, never the public key. */
record PasskeyResource(String id, String name, Instant createdAt, Instant lastUsedAt) {

	static PasskeyResource of(Passkeys.Passkey passkey) {
		return new PasskeyResource(passkey.id(), passkey.label(), passkey.created(), passkey.lastUsed());
	}

}
