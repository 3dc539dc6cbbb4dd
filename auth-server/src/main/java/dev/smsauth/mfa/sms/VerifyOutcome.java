package dev.smsauth.mfa.sms;

/** What happened when a person typed a code. */
record VerifyOutcome(Kind kind, int triesLeft, SmsChallenge challenge) {

	enum Kind {

		VERIFIED, WRONG, EXHAUSTED, EXPIRED, NO_CODE, LOCKED

	}

	static VerifyOutcome of(Kind kind) {
		return new VerifyOutcome(kind, 0, null);
	}

}
