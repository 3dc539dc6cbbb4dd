package dev.smsauth.sms;

/**
 * Who a message is for and on whose behalf, recorded with it (table {@code sms_message}) for
 * receipts, statistics and cost per application. Never the text.
 *
 * @param purpose a code or a notice
 * @param userId the account, or null
 * @param clientId the application whose sign-in asked for it, or null (notices, the console)
 * @param challengeId the code's challenge ({@code sms_challenge.id}), or null for notices
 */
public record SmsContext(SmsPurpose purpose, String userId, String clientId, String challengeId) {

	public static SmsContext code(String userId, String clientId, String challengeId) {
		return new SmsContext(SmsPurpose.CODE, userId, clientId, challengeId);
	}

	public static SmsContext notice(String userId) {
		return new SmsContext(SmsPurpose.NOTICE, userId, null, null);
	}

}
