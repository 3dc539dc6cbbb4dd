package dev.smsauth.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The password hash a provider checks at sign-in. A sign-in's CPU is mostly this hash, and each
 * product picks its own (parameters chosen for different threat models), so the comparison that
 * means something is the sign-in's cost beyond it.
 */
enum PasswordHash {

	/** Ours: Argon2id, 16 MiB, 2 iterations, p = 1 (PasswordEncoderConfig). */
	ARGON2ID("argon2id", Floor::argon2idMs),

	/** Keycloak 24+'s default: Argon2id, 7,168 KiB, 5 iterations, p = 1 ({@link KeycloakArgon2id}). */
	KEYCLOAK_ARGON2ID("keycloak-argon2id", Floor::keycloakArgon2idMs),

	/** Keycloak's PBKDF2-HMAC-SHA512 at 210,000 iterations: its default before version 24, still kept by older realms. */
	PBKDF2_SHA512("pbkdf2-sha512", Floor::pbkdf2Sha512Ms);

	private final String option;

	private final ToDoubleFunction<Floor> cost;

	PasswordHash(String option, ToDoubleFunction<Floor> cost) {
		this.option = option;
		this.cost = cost;
	}

	String option() {
		return option;
	}

	double ms(Floor floor) {
		return cost.applyAsDouble(floor);
	}

	static PasswordHash of(String option) {
		for (PasswordHash hash : values()) {
			if (hash.option.equals(option.toLowerCase(Locale.ROOT))) {
				return hash;
			}
		}
		throw new Options.UsageException("--password-hash must be one of "
				+ Arrays.stream(values()).map(PasswordHash::option).collect(Collectors.joining(", ")));
	}

}
