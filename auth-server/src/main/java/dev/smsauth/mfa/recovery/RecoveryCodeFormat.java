package dev.smsauth.mfa.recovery;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * The form of a recovery code: 12 characters of Crockford's base32 (no I, L, O, U, so nothing reads
 * as another character), 60 bits from {@link SecureRandom}, shown as {@code xxxx-xxxx-xxxx}. Typed
 * codes are read leniently (case, spaces and hyphens ignored, O as 0, I and L as 1), so a code
 * copied from paper still counts; the stored hash is of the canonical form.
 */
final class RecoveryCodeFormat {

	static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

	static final int LENGTH = 12;

	private static final int GROUP = 4;

	/** A typed code longer than this is not even normalised. */
	private static final int MAX_TYPED = 64;

	private RecoveryCodeFormat() {
	}

	/** A new code in canonical form (no hyphens). */
	static String newCode(SecureRandom random) {
		StringBuilder code = new StringBuilder(LENGTH);
		for (int i = 0; i < LENGTH; i++) {
			code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return code.toString();
	}

	/** {@code abcd-efgh-jkmn} for display. */
	static String display(String canonical) {
		StringBuilder shown = new StringBuilder();
		for (int i = 0; i < canonical.length(); i += GROUP) {
			if (i > 0) {
				shown.append('-');
			}
			shown.append(canonical, i, Math.min(canonical.length(), i + GROUP));
		}
		return shown.toString();
	}

	/** The canonical form of a typed code, or null when it can not be one of ours. */
	static String normalise(String typed) {
		if (typed == null || typed.length() > MAX_TYPED) {
			return null;
		}
		StringBuilder code = new StringBuilder(LENGTH);
		for (char c : typed.toLowerCase(Locale.ROOT).toCharArray()) {
			if (c == '-' || c == ' ') {
				continue;
			}
			char read = switch (c) {
				case 'o' -> '0';
				case 'i', 'l' -> '1';
				default -> c;
			};
			if (ALPHABET.indexOf(read) < 0) {
				return null;
			}
			code.append(read);
		}
		return code.length() == LENGTH ? code.toString() : null;
	}

}
