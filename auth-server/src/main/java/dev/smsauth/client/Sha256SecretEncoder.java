package dev.smsauth.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * SHA-256 for server-generated client secrets. A secret of 256 random bits can not be guessed
 * offline, so an adaptive hash would only cap token-endpoint throughput (a bcrypt verify costs
 * ~80 ms per grant). Human passwords never go through this encoder; they use Argon2id.
 */
public final class Sha256SecretEncoder implements PasswordEncoder {

	public static final String ID = "sha256";

	@Override
	public String encode(CharSequence rawPassword) {
		return HexFormat.of().formatHex(digest(rawPassword));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null) {
			return false;
		}
		byte[] expected;
		try {
			expected = HexFormat.of().parseHex(encodedPassword);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		// Constant-time comparison of the digests.
		return MessageDigest.isEqual(expected, digest(rawPassword));
	}

	private static byte[] digest(CharSequence raw) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(raw.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every JVM", ex);
		}
	}

}
