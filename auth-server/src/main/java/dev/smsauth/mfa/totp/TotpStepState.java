package dev.smsauth.mfa.totp;

import java.io.Serializable;
import java.time.Instant;

/**
 * Wrong authenticator codes typed in this sign-in, kept in the HTTP session. The sign-in is named
 * by its password factor's time: signing in again starts a new count, going back to the page
 * does not.
 */
record TotpStepState(Instant passwordTime, int wrongTries) implements Serializable {

	static final String SESSION_ATTRIBUTE = TotpStepState.class.getName();

	TotpStepState oneMoreWrong() {
		return new TotpStepState(passwordTime, wrongTries + 1);
	}

}
