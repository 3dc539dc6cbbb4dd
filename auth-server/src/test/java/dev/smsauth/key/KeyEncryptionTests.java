package dev.smsauth.key;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sealing format on its own: AES-256-GCM, a fresh nonce each time, the kid bound in. */
class KeyEncryptionTests {

	static final String KEK = Base64.getEncoder().encodeToString(new byte[32]);

	final KeyEncryption encryption = new KeyEncryption(KEK);

	@Test
	void whenSealedThenOpeningWithTheSameKidGivesTheTextBack() {
		String sealed = encryption.seal("kid-1", "{\"d\":\"secret\"}");

		assertThat(sealed).startsWith("v1:").doesNotContain("secret");
		assertThat(KeyEncryption.isSealed(sealed)).isTrue();
		assertThat(encryption.open("kid-1", sealed)).isEqualTo("{\"d\":\"secret\"}");
	}

	@Test
	void whenTheSameTextIsSealedTwiceThenTheResultsDiffer() {
		assertThat(encryption.seal("kid-1", "same")).isNotEqualTo(encryption.seal("kid-1", "same"));
	}

	@Test
	void whenASealedTextIsOpenedForAnotherKidThenItIsRefused() {
		String sealed = encryption.seal("kid-1", "{}");

		assertThatThrownBy(() -> encryption.open("kid-2", sealed)).hasMessageContaining("kid-2")
			.hasMessageContaining("can not be decrypted");
	}

	@Test
	void whenOneByteOfTheCiphertextChangesThenItIsRefused() {
		String sealed = encryption.seal("kid-1", "{\"d\":\"secret\"}");
		int last = sealed.length() - 3;
		String changed = sealed.substring(0, last) + (sealed.charAt(last) == 'A' ? 'B' : 'A') + sealed.substring(last + 1);

		assertThatThrownBy(() -> encryption.open("kid-1", changed)).hasMessageContaining("can not be decrypted");
	}

	@Test
	void whenAnotherKeyEncryptionKeyOpensThenTheErrorSaysSoAndNamesTheSetting() {
		String sealed = encryption.seal("kid-1", "{}");
		KeyEncryption other = new KeyEncryption(Base64.getEncoder().encodeToString(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9,
				10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 }));

		assertThatThrownBy(() -> other.open("kid-1", sealed)).hasMessageContaining("another key-encryption key")
			.hasMessageContaining("AUTH_KEYS_ENCRYPTION_KEY");
	}

	@Test
	void whenPlainJwkJsonIsGivenThenItIsNotTakenForSealedText() {
		assertThat(KeyEncryption.isSealed("{\"kty\":\"RSA\"}")).isFalse();
	}

}
