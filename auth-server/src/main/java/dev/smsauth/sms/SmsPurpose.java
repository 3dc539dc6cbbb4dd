package dev.smsauth.sms;

/** Why a message was sent: a one-time code, or a security notice to the account's number. */
public enum SmsPurpose {

	CODE, NOTICE;

	String column() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
