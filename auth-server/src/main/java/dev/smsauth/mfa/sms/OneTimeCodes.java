package dev.smsauth.mfa.sms;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Makes six-digit codes with a CSPRNG and hashes them with HMAC-SHA256 under a server secret,
 * salted with the challenge id, so a database dump reveals no code and a hash is useless for any
 * other challenge. Comparison is constant-time.
 */
@Component
class OneTimeCodes {

	static final int DIGITS = 6;

	private final SecureRandom random = new SecureRandom();

	private final SecretKeySpec key;

	OneTimeCodes(SmsProperties properties) {
		this.key = new SecretKeySpec(properties.codeHmacKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	String newCode() {
		return String.format("%06d", random.nextInt(1_000_000));
	}

	String hash(String challengeId, String code) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return HexFormat.of().formatHex(mac.doFinal((challengeId + ":" + code).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

	boolean matches(String challengeId, String typed, String expectedHash) {
		String candidate = hash(challengeId, typed);
		return MessageDigest.isEqual(candidate.getBytes(StandardCharsets.US_ASCII),
				expectedHash.getBytes(StandardCharsets.US_ASCII));
	}

	static boolean isWellFormed(String typed) {
		return typed != null && typed.length() == DIGITS && typed.chars().allMatch(c -> c >= '0' && c <= '9');
	}

}
