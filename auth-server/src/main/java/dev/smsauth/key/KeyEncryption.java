package dev.smsauth.key;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets at rest (private signing keys; authenticator-app secrets, see {@code mfa.totp}): AES-256-GCM under the key-encryption key (KEK) from
 * {@code auth.keys.encryption-key}, a random 96-bit nonce per encryption, and the kid as associated
 * data (a ciphertext copied onto another row does not decrypt). Other callers pass their own row
 * identifier as the "kid", prefixed so it can never equal a signing key's kid.
 * <p>
 * Stored text: {@code v1:<kek id>:<base64(nonce || ciphertext || tag)>}. {@code v1} names the
 * format; the KEK id (the first 48 bits of a SHA-256 of the KEK, which reveals nothing usable
 * about a random 256-bit key) says which KEK sealed the row, so a wrong KEK is reported as such
 * and a later KEK rotation can tell old rows from new ones.
 */
public final class KeyEncryption {

	static final String PROPERTY = "auth.keys.encryption-key (env AUTH_KEYS_ENCRYPTION_KEY)";

	private static final String VERSION = "v1";

	private static final int KEY_BYTES = 32;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey kek;

	private final String kekId;

	private final SecureRandom random = new SecureRandom();

	KeyEncryption(String base64Key) {
		byte[] key = decode(base64Key);
		if (key == null || key.length != KEY_BYTES) {
			throw new IllegalArgumentException(PROPERTY
					+ " must be set to the base64 of 32 random bytes (e.g. `openssl rand -base64 32`)");
		}
		this.kek = new SecretKeySpec(key, "AES");
		this.kekId = idOf(key);
		Arrays.fill(key, (byte) 0);
	}

	/** The bytes of a base64 text, or null when it is blank or not base64. */
	static byte[] decode(String base64) {
		if (base64 == null || base64.isBlank()) {
			return null;
		}
		try {
			return Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** True for text this class wrote; false for the plain JWK JSON of rows from before encryption. */
	public static boolean isSealed(String stored) {
		return stored.startsWith(VERSION + ":");
	}

	public String seal(String kid, String plaintext) {
		byte[] nonce = new byte[NONCE_BYTES];
		random.nextBytes(nonce);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, kid, nonce);
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
			return VERSION + ":" + kekId + ":" + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("could not encrypt signing key " + kid, ex);
		}
	}

	public String open(String kid, String stored) {
		String[] parts = stored.split(":", 3);
		if (parts.length != 3 || !VERSION.equals(parts[0])) {
			throw new IllegalStateException("signing key " + kid + " is stored in an unknown format");
		}
		if (!kekId.equals(parts[1])) {
			throw new IllegalStateException("signing key " + kid + " was encrypted with another key-encryption key (id "
					+ parts[1] + ") than the configured " + PROPERTY + " (id " + kekId
					+ "): configure the key the signing keys were stored with");
		}
		byte[] in = decode(parts[2]);
		if (in == null || in.length <= NONCE_BYTES) {
			throw new IllegalStateException("signing key " + kid + " is stored in an unknown format");
		}
		try {
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, kid, Arrays.copyOf(in, NONCE_BYTES));
			return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (AEADBadTagException ex) {
			throw new IllegalStateException("signing key " + kid + " can not be decrypted with the configured " + PROPERTY
					+ ": the stored text was changed or belongs to another row");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("could not decrypt signing key " + kid, ex);
		}
	}

	private Cipher cipher(int mode, String kid, byte[] nonce) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, kek, new GCMParameterSpec(TAG_BITS, nonce));
		cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

	private static String idOf(byte[] key) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update("smsauth signing-key KEK id".getBytes(StandardCharsets.US_ASCII));
			byte[] digest = sha256.digest(key);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 6));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
