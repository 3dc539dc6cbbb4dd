package dev.smsauth.user;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Normalises phone numbers to E.164 ({@code +} then 8 to 15 digits, no leading zero in the
 * country code). People type spaces, dashes, dots and brackets; we drop those and nothing else,
 * so a letter or a second {@code +} makes the number invalid rather than silently changed.
 */
public final class PhoneNumbers {

	private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()\\u00A0]");

	private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

	private PhoneNumbers() {
	}

	/** The E.164 form of {@code input}, or empty when it is not a plausible international number. */
	public static Optional<String> normalise(String input) {
		if (input == null || input.length() > 40) {
			return Optional.empty();
		}
		String compact = SEPARATORS.matcher(input.strip()).replaceAll("");
		if (compact.startsWith("00")) {
			compact = "+" + compact.substring(2);
		}
		return E164.matcher(compact).matches() ? Optional.of(compact) : Optional.empty();
	}

	/** True when the sign-in identifier looks like a phone number rather than a username or email. */
	public static boolean looksLikePhoneNumber(String identifier) {
		return identifier != null && (identifier.strip().startsWith("+") || identifier.strip().startsWith("00"));
	}

}
