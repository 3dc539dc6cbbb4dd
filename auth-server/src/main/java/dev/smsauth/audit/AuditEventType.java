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

	/** Authenticator app (TOTP): confirmed with a code; removed (by the user or an administrator). */
	AUTHENTICATOR_ENROLLED, AUTHENTICATOR_REMOVED,
	/** Authenticator-app code at sign-in: accepted; wrong (or replayed); refused by a limit. */
	AUTHENTICATOR_VERIFIED, AUTHENTICATOR_CODE_WRONG, AUTHENTICATOR_LOCKED,

	/** A new signing key was added (published now, signing after the publication delay). */
	KEY_ROTATED

}
