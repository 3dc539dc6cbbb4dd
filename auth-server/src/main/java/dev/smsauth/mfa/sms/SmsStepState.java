package dev.smsauth.mfa.sms;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SMS step of this login transaction, kept in the HTTP session (which lives in the database,
 * so any node can continue it). Holding the challenge id here is what binds a code to this login:
 * a code issued to another session is never looked at.
 *
 * @param challengeIds every code this sign-in sent to {@code phoneNumber}, oldest first, the
 * current one last: "Send by another route" avoids the providers that carried them. A session
 * written before this component existed reads it as null, taken as the current code alone.
 */
record SmsStepState(String challengeId, String phoneNumber, SmsChallenge.Purpose purpose, Instant resendAvailableAt,
		List<String> challengeIds) implements Serializable {

	static final String SESSION_ATTRIBUTE = SmsStepState.class.getName();

	/** More would only be a person pressing all hour; the budgets stop that long before. */
	private static final int REMEMBERED = 20;

	SmsStepState {
		challengeIds = challengeIds == null ? List.of(challengeId) : List.copyOf(challengeIds);
	}

	/** The first code of this sign-in to this number. */
	static SmsStepState first(String challengeId, String phoneNumber, SmsChallenge.Purpose purpose,
			Instant resendAvailableAt) {
		return new SmsStepState(challengeId, phoneNumber, purpose, resendAvailableAt, List.of(challengeId));
	}

	/**
	 * The step after a new code was sent: its history continues when the code went to the same
	 * number for the same purpose (a resend), and starts again otherwise (another number enrolled).
	 */
	static SmsStepState after(SmsStepState previous, String challengeId, String phoneNumber,
			SmsChallenge.Purpose purpose, Instant resendAvailableAt) {
		if (previous == null || !previous.phoneNumber().equals(phoneNumber) || previous.purpose() != purpose) {
			return first(challengeId, phoneNumber, purpose, resendAvailableAt);
		}
		List<String> ids = new ArrayList<>(previous.challengeIds());
		ids.add(challengeId);
		if (ids.size() > REMEMBERED) {
			ids = ids.subList(ids.size() - REMEMBERED, ids.size());
		}
		return new SmsStepState(challengeId, phoneNumber, purpose, resendAvailableAt, ids);
	}

}
