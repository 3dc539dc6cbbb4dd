package dev.smsauth.mfa.sms;

import java.time.Instant;

/** One code sent to one phone number for one user; the code itself is only a keyed hash here. */
record SmsChallenge(String id, String userId, String phoneNumber, Purpose purpose, String codeHash, Status status,
		int failedAttempts, Instant createdAt, Instant expiresAt) {

	/**
	 * Why the code was sent: a second factor at sign-in, proving a number being enrolled at the SMS
	 * step, or proving the new number of a self-service change at /account/phone.
	 */
	enum Purpose {

		SIGN_IN, ENROLL, CHANGE

	}

	enum Status {

		/** Sent and waiting for the person to type it. */
		PENDING,
		/** Typed correctly once; never accepted again. */
		VERIFIED,
		/** Too many wrong tries. */
		EXHAUSTED,
		/** Replaced by a newer code. */
		SUPERSEDED,
		/** The provider did not take it; costs the person neither a try nor a cooldown. */
		UNSENT

	}

}
