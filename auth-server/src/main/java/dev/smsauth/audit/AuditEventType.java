package dev.smsauth.audit;

/**
 * What an audit event records. Stored by name in {@code audit_event.event}, so a constant may be
 * added but never renamed.
 */
public enum AuditEventType {

	APPLICATION_CREATED, APPLICATION_UPDATED, APPLICATION_MFA_CHANGED, APPLICATION_SECRET_ROTATED,
	APPLICATION_DELETED,

	USER_CREATED, USER_UPDATED, USER_DISABLED, USER_ENABLED, USER_PASSWORD_RESET, USER_PHONE_REMOVED, USER_DELETED,

	SIGN_IN_PASSWORD_ACCEPTED, SIGN_IN_PASSWORD_REFUSED,

	SMS_SENT, SMS_SEND_FAILED, SMS_VERIFIED, SMS_CODE_WRONG,
	/** A code died of wrong tries, or the account's hourly failure limit refused a try. */
	SMS_LOCKED,

	PHONE_ENROLLED,

	/**
	 * A phone number was set or replaced (masked old and new number): by an administrator, or by
	 * the account holder after proving the new number.
	 */
	USER_PHONE_CHANGED,

	/** A security notice (never a code) went to the account's phone; details name the kind and the masked number. */
	NOTICE_SENT,
	/** A security notice was due but not sent: over a budget, outside the allow-list, or the provider failed. */
	NOTICE_NOT_SENT,
	/** Authenticator app (TOTP): confirmed with a code; removed (by the user or an administrator). */
	AUTHENTICATOR_ENROLLED, AUTHENTICATOR_REMOVED,
	/** Authenticator-app code at sign-in: accepted; wrong (or replayed); refused by a limit. */
	AUTHENTICATOR_VERIFIED, AUTHENTICATOR_CODE_WRONG, AUTHENTICATOR_LOCKED,

	/**
	 * Recovery codes: a new set of ten made (the old set void); one used as the second factor
	 * (details: how many are left); a wrong (or already used) one typed. Never the code itself.
	 */
	RECOVERY_CODES_GENERATED, RECOVERY_CODE_USED, RECOVERY_CODE_WRONG,

	/** A passkey removed (details: its name, by the user or an administrator); renamed (details: the new name). */
	PASSKEY_REMOVED, PASSKEY_RENAMED,

	/** A new signing key was added (published now, signing after the publication delay). */
	KEY_ROTATED,

	/** "Remember this device" ticked in a browser (details: the browser summary). */
	DEVICE_REMEMBERED,
	/** A known device (or all of a user's) revoked: by the user, an administrator, or an account change. */
	DEVICE_REVOKED

}
