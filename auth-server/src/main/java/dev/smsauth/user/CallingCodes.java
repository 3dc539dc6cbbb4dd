package dev.smsauth.user;

import java.util.Set;

/**
 * Country calling codes (ITU-T E.164). Calling codes are prefix-free, so the first match of
 * length 1, 2 or 3 is the code. Only the 1- and 2-digit codes are listed; everything else is 3.
 */
public final class CallingCodes {

	private static final Set<String> ONE_DIGIT = Set.of("1", "7");

	private static final Set<String> TWO_DIGIT = Set.of("20", "27", "30", "31", "32", "33", "34", "36", "39", "40",
			"41", "43", "44", "45", "46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61",
			"62", "63", "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98");

	private CallingCodes() {
	}

	/** Length of the calling code at the start of {@code digits} (an E.164 number without '+'). */
	public static int callingCodeLength(String digits) {
		if (digits.length() >= 1 && ONE_DIGIT.contains(digits.substring(0, 1))) {
			return 1;
		}
		if (digits.length() >= 2 && TWO_DIGIT.contains(digits.substring(0, 2))) {
			return 2;
		}
		return Math.min(3, digits.length());
	}

	/** The calling code of an E.164 number such as {@code +8613800138000} ({@code "86"}). */
	public static String callingCodeOf(String e164) {
		String digits = e164.startsWith("+") ? e164.substring(1) : e164;
		return digits.substring(0, callingCodeLength(digits));
	}

}
