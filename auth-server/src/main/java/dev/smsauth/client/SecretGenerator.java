package dev.smsauth.client;

import java.security.SecureRandom;
import java.util.Base64;

/** Random client identifiers and secrets. Secrets carry 256 bits, identifiers 144. */
final class SecretGenerator {

	private static final SecureRandom RANDOM = new SecureRandom();

	private SecretGenerator() {
	}

	static String clientId() {
		return randomBase64Url(18);
	}

	static String clientSecret() {
		return randomBase64Url(32);
	}

	private static String randomBase64Url(int bytes) {
		byte[] buffer = new byte[bytes];
		RANDOM.nextBytes(buffer);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
	}

}
