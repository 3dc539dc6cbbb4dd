package dev.smsauth.mfa.recovery;

/** What a typed recovery code came to. */
enum RecoveryOutcome {

	/** Right and unused: now used, the factor may be added. */
	VERIFIED,
	/** Not one of the account's unused codes (wrong, used, or from an old set): a failure. */
	WRONG,
	/** The hourly budget of wrong second-factor codes is spent: not even compared. */
	LOCKED

}
