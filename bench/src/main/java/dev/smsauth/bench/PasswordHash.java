package dev.smsauth.bench;

import java.util.Locale;

/**
 * The password hash a provider checks at sign-in. A sign-in's CPU is mostly this hash, and each
 * product picks its own (parameters chosen for different threat models), so the comparison that
 * means something is the sign-in's cost beyond it.
 */
enum PasswordHash {

	/** Ours: Argon2id, 16 MiB, 2 iterations, p = 1 (PasswordEncoderConfig). */
	ARGON2ID("argon2id"),

	/** Keycloak 26's default: PBKDF2-HMAC-SHA512, 210,000 iterations. */
	PBKDF2_SHA512("pbkdf2-sha512");

	private final String option;

	PasswordHash(String option) {
		this.option = option;
	}

	String option() {
		return option;
	}

	double ms(Floor floor) {
		return this == ARGON2ID ? floor.argon2idMs() : floor.pbkdf2Sha512Ms();
	}

	static PasswordHash of(String option) {
		for (PasswordHash hash : values()) {
			if (hash.option.equals(option.toLowerCase(Locale.ROOT))) {
				return hash;
			}
		}
		throw new Options.UsageException("--password-hash must be argon2id or pbkdf2-sha512");
	}

}
