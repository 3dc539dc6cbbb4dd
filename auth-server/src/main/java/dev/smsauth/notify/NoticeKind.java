package dev.smsauth.notify;

/** The security notices; each has a text in messages*.properties and a name for the audit trail. */
enum NoticeKind {

	PHONE_NUMBER_CHANGED("notice.phone-number-changed", "phone number changed"),
	PHONE_NUMBER_REMOVED("notice.phone-number-removed", "phone number removed"),
	REPEATED_CODE_FAILURES("notice.repeated-code-failures", "repeated code failures"),
	/** Arguments: the browser summary and the date. */
	NEW_DEVICE("notice.new-device", "new device"),
	/** Argument: how many unused recovery codes are left. */
	RECOVERY_CODE_USED("notice.recovery-code-used", "recovery code used");

	private final String messageKey;

	private final String auditName;

	NoticeKind(String messageKey, String auditName) {
		this.messageKey = messageKey;
		this.auditName = auditName;
	}

	String messageKey() {
		return messageKey;
	}

	String auditName() {
		return auditName;
	}

}
