package dev.smsauth.mfa.sms;

import java.io.Serializable;
import java.time.Instant;

/**
 * The SMS step of this login transaction, kept in the HTTP session (which lives in the database,
 * so any node can continue it). Holding the challenge id here is what binds a code to this login:
 * a code issued to another session is never looked at.
 */
record SmsStepState(String challengeId, String phoneNumber, SmsChallenge.Purpose purpose, Instant resendAvailableAt)
		implements Serializable {

	static final String SESSION_ATTRIBUTE = SmsStepState.class.getName();

}
