package dev.smsauth.mfa.totp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords, RFC 6238 over HOTP (RFC 4226): the counter is the number of
 * 30-second steps since the Unix epoch, the code the dynamic truncation of an HMAC of it. The
 * product uses HMAC-SHA1 and 6 digits, what every authenticator app accepts from an
 * {@code otpauth://} link without extra parameters; the algorithm and digit count are parameters
 * only so the RFC's own test vectors (SHA-256, SHA-512, 8 digits) can check this class.
 */
public final class Totp {

	public static final Duration STEP = Duration.ofSeconds(30);

	public static final int DIGITS = 6;

	static final String HMAC_SHA1 = "HmacSHA1";

	private static final int[] POWERS = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000 };

	private Totp() {
	}

	/** The time step (counter) that {@code time} falls in. */
	public static long stepAt(Instant time) {
		return Math.floorDiv(time.getEpochSecond(), STEP.toSeconds());
	}

	/** The product's code: HMAC-SHA1, 6 digits. */
	public static String code(byte[] key, long step) {
		return code(HMAC_SHA1, key, step, DIGITS);
	}

	static String code(String hmacAlgorithm, byte[] key, long step, int digits) {
		byte[] hash;
		try {
			Mac mac = Mac.getInstance(hmacAlgorithm);
			mac.init(new SecretKeySpec(key, "RAW"));
			hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(hmacAlgorithm + " is not available", ex);
		}
		// RFC 4226 section 5.3, dynamic truncation: 31 bits from the offset the last nibble names.
		int offset = hash[hash.length - 1] & 0x0f;
		int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
				| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
		StringBuilder code = new StringBuilder(Integer.toString(binary % POWERS[digits]));
		while (code.length() < digits) {
			code.insert(0, '0');
		}
		return code.toString();
	}

	/**
	 * Whether {@code typed} is the code of {@code step}. Compared in constant time, so the answer
	 * time says nothing about how many leading digits were right.
	 */
	static boolean matches(byte[] key, long step, String typed) {
		return MessageDigest.isEqual(code(key, step).getBytes(StandardCharsets.US_ASCII),
				typed.getBytes(StandardCharsets.US_ASCII));
	}

	/** Six ASCII digits, after spaces (some apps show "123 456") are removed; else null. */
	static String normalise(String typed) {
		if (typed == null || typed.length() > 20) {
			return null;
		}
		String digits = typed.replace(" ", "").strip();
		return digits.length() == DIGITS && digits.chars().allMatch(c -> c >= '0' && c <= '9') ? digits : null;
	}

}
