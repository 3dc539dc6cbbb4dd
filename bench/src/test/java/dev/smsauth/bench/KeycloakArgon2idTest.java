package dev.smsauth.bench;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keycloak's Argon2id check, against a hash made elsewhere with Keycloak's defaults: Spring
 * Security's encoder writes the parameters into its PHC string ($argon2id$v=19$m=7168,t=5,p=1$salt$hash),
 * so a hash it made with those parameters must verify here, and only with its password.
 */
class KeycloakArgon2idTest {

	private static final String PASSWORD = "correct horse battery staple";

	private final Argon2PasswordEncoder sameParameters = new Argon2PasswordEncoder(KeycloakArgon2id.SALT_BYTES,
			KeycloakArgon2id.HASH_BYTES, KeycloakArgon2id.PARALLELISM, KeycloakArgon2id.MEMORY_KIB, KeycloakArgon2id.ITERATIONS);

	@Test
	void verifiesAHashMadeWithKeycloaksParametersAndRefusesAWrongPassword() {
		String phc = sameParameters.encode(PASSWORD);
		String[] parts = phc.split("\\$"); // "", "argon2id", "v=19", "m=7168,t=5,p=1", salt, hash
		assertEquals("argon2id", parts[1]);
		assertEquals("v=19", parts[2]); // 0x13, Keycloak's "1.3"
		assertEquals("m=7168,t=5,p=1", parts[3]);
		byte[] salt = Base64.getDecoder().decode(parts[4]);
		byte[] hash = Base64.getDecoder().decode(parts[5]);
		assertEquals(16, salt.length);
		assertEquals(32, hash.length);

		// stored as Keycloak stores it: the salt, and the hash in padded Base64
		KeycloakArgon2id stored = new KeycloakArgon2id(salt, Base64.getEncoder().encodeToString(hash));

		assertTrue(stored.verify(PASSWORD));
		assertFalse(stored.verify(PASSWORD + "!"));
		assertFalse(stored.verify("Correct horse battery staple"));
	}

	@Test
	void aHashItMadeIsTheOneAnotherImplementationMakesWithTheSameParameters() {
		byte[] salt = new byte[KeycloakArgon2id.SALT_BYTES];
		salt[0] = 7;
		KeycloakArgon2id ours = KeycloakArgon2id.hash(PASSWORD, salt);
		String phc = "$argon2id$v=19$m=7168,t=5,p=1$" + Base64.getEncoder().withoutPadding().encodeToString(salt) + "$"
				+ Base64.getEncoder().withoutPadding().encodeToString(hashOf(ours));

		assertTrue(sameParameters.matches(PASSWORD, phc));
		assertFalse(sameParameters.matches("wrong", phc));
		// a memory cost that differs from Keycloak's gives another hash
		assertFalse(new Argon2PasswordEncoder(16, 32, 1, 16384, 5).matches(PASSWORD, phc.replace("m=7168", "m=16384")));
	}

	private static byte[] hashOf(KeycloakArgon2id stored) {
		return Base64.getDecoder().decode(stored.storedValue());
	}

}
