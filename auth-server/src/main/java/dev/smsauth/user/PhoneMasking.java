package dev.smsauth.user;

/**
 * Masks phone numbers for pages and logs: the calling code and the last four digits stay,
 * everything else becomes a bullet, e.g. {@code +14155550123} becomes {@code +1 ••• ••• 0123}.
 */
public final class PhoneMasking {

	private PhoneMasking() {
	}

	public static String mask(String e164) {
		if (e164 == null || e164.length() < 8 || !e164.startsWith("+")) {
			return "•••";
		}
		String digits = e164.substring(1);
		int ccLength = CallingCodes.callingCodeLength(digits);
		String callingCode = digits.substring(0, ccLength);
		String last4 = digits.substring(digits.length() - 4);
		return "+" + callingCode + " ••• ••• " + last4;
	}

}
