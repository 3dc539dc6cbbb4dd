package dev.smsauth.mfa.totp;

import java.time.Instant;

/**
 * One row of {@code user_authenticator}: a confirmed authenticator app. {@code sealedSecret} is
 * the base32 secret sealed by {@code KeyEncryption}; {@code lastUsedStep} the newest time step
 * accepted (null before the first), below or at which no code is accepted again.
 */
record StoredAuthenticator(String userId, String sealedSecret, Long lastUsedStep, Instant createdAt) {

	@Override
	public String toString() {
		return "StoredAuthenticator[userId=" + userId + ", lastUsedStep=" + lastUsedStep + ", createdAt=" + createdAt
				+ ", sealedSecret=<hidden>]";
	}

}
