package dev.smsauth.mfa.totp;

import java.io.Serializable;

/**
 * A new authenticator secret shown on the enrollment page but not confirmed yet, kept in the HTTP
 * session (a database table in production) sealed by {@code KeyEncryption} for this user only:
 * the session rows must not yield a secret either.
 */
record PendingEnrollment(String userId, String sealedSecret) implements Serializable {

	static final String SESSION_ATTRIBUTE = PendingEnrollment.class.getName();

	@Override
	public String toString() {
		return "PendingEnrollment[userId=" + userId + ", sealedSecret=<hidden>]";
	}

}
