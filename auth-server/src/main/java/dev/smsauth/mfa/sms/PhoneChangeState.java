package dev.smsauth.mfa.sms;

import java.io.Serializable;
import java.time.Instant;

/**
 * A self-service phone change in progress, kept in the HTTP session: the code's challenge, the
 * new number being proven (never taken from the form again after "Send code"), when the change
 * was started (it must finish soon after the fresh sign-in that allowed it) and when a new code
 * may be sent.
 */
record PhoneChangeState(String challengeId, String phoneNumber, Instant startedAt, Instant resendAvailableAt)
		implements Serializable {

	static final String SESSION_ATTRIBUTE = PhoneChangeState.class.getName();

}
