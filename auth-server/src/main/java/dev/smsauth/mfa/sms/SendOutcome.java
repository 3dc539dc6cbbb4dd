package dev.smsauth.mfa.sms;

import java.time.Instant;

/** What happened when a person pressed "Send code". */
sealed interface SendOutcome {

	/** The provider took the message. */
	record Sent(String challengeId, Instant expiresAt, Instant resendAvailableAt) implements SendOutcome {
	}

	/** Too soon after the previous code; nothing was sent. */
	record CoolingDown(long secondsLeft) implements SendOutcome {
	}

	/** An hourly limit says no; the provider was not called. */
	record LimitReached() implements SendOutcome {
	}

	/** The destination's country calling code is not on the allow-list; the provider was not called. */
	record CountryNotAllowed() implements SendOutcome {
	}

	/** The provider refused or failed; the person may try again. */
	record ProviderFailed(boolean retryable) implements SendOutcome {
	}

}
