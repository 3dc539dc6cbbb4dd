package dev.smsauth.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The random value a browser carries in the device cookie: 256 bits from {@link SecureRandom},
 * base64url without padding (43 characters). Only its SHA-256 is stored: the token has full
 * entropy, so a plain hash is enough (no salt or slow hash needed), and it is what the index finds.
 */
final class DeviceToken {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");

	private DeviceToken() {
	}

	static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Anything else in the cookie is not ours: it is ignored, never looked up or hashed. */
	static boolean isWellFormed(String value) {
		return value != null && WELL_FORMED.matcher(value).matches();
	}

	static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
