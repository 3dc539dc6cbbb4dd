package dev.smsauth.mfa.totp;

/** What checking an authenticator-app code at sign-in came to. */
enum VerifyResult {

	VERIFIED,
	/** Not the code of the current step or its neighbours. */
	WRONG,
	/** The code of a step this account already used (a replayed or shoulder-surfed code). */
	REPLAYED,
	/** The account's hourly budget of wrong second-factor codes is spent (shared with SMS). */
	LOCKED,
	/** The user has no authenticator app (it was removed meanwhile). */
	NOT_SET_UP

}
