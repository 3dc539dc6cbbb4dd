package dev.smsauth.bench;

import java.util.Base64;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * A stored password as Keycloak 24+ hashes it by default, checked the way Keycloak checks it. Read
 * with javap from the 26.7.3 distribution (keycloak-crypto-default, classes
 * {@code org.keycloak.crypto.hash.Argon2Parameters} and {@code Argon2PasswordHashProvider}): type id,
 * version 1.3, 32-byte hash, 7,168 KiB, 5 iterations, parallelism 1, a 16-byte salt
 * ({@code org.keycloak.credential.hash.Salt}); {@code verify} runs BouncyCastle's
 * {@link Argon2BytesGenerator} on the presented password, Base64-encodes the result and compares it
 * with the stored value by {@link String#equals}. That comparison is not constant-time; we do the
 * same, since the floor must be what Keycloak spends (the difference is nanoseconds against
 * milliseconds).
 */
final class KeycloakArgon2id {

	static final int MEMORY_KIB = 7168;

	static final int ITERATIONS = 5;

	static final int PARALLELISM = 1;

	static final int HASH_BYTES = 32;

	static final int SALT_BYTES = 16;

	private final byte[] salt;

	private final String storedValue;

	/** A stored credential: its salt and the Base64 hash, as Keycloak keeps them. */
	KeycloakArgon2id(byte[] salt, String storedValue) {
		this.salt = salt.clone();
		this.storedValue = storedValue;
	}

	/** What Keycloak stores for {@code password} with this salt. */
	static KeycloakArgon2id hash(String password, byte[] salt) {
		return new KeycloakArgon2id(salt, encode(password, salt));
	}

	/** Keycloak's verify: hash the presented password again and compare the Base64 strings. */
	boolean verify(String password) {
		return storedValue.equals(encode(password, salt));
	}

	/** The Base64 hash Keycloak keeps in the credential's secret data. */
	String storedValue() {
		return storedValue;
	}

	private static String encode(String password, byte[] salt) {
		Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
			.withVersion(Argon2Parameters.ARGON2_VERSION_13)
			.withSalt(salt)
			.withParallelism(PARALLELISM)
			.withMemoryAsKB(MEMORY_KIB)
			.withIterations(ITERATIONS)
			.build();
		Argon2BytesGenerator generator = new Argon2BytesGenerator();
		generator.init(parameters);
		byte[] hash = new byte[HASH_BYTES];
		generator.generateBytes(password.toCharArray(), hash);
		return Base64.getEncoder().encodeToString(hash);
	}

}
