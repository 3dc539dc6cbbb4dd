package dev.smsauth.bench.fill;

import java.util.List;
import java.util.Locale;

/**
 * Sign-in identifiers of filler user {@code n}, unique by construction and shaped like real ones:
 * {@code maria.garcia.48213} / {@code maria.garcia.48213@example.net}, and E.164 mobile numbers in
 * four countries. Usernames and emails are stored lower case and numbers in E.164, as
 * {@code UserService} normalises them. None collides with the benchmark's own users
 * ({@code bench-user-*}, {@code +1415557….}).
 */
final class People {

	private static final List<String> FIRST = List.of("maria", "wei", "james", "fatima", "olga", "lukas", "aiko",
			"carlos", "amara", "noah", "li", "sofia", "ivan", "chloe", "omar", "priya", "jonas", "yuki", "elena", "samuel");

	private static final List<String> LAST = List.of("garcia", "wang", "smith", "khan", "ivanova", "muller", "sato",
			"silva", "okafor", "brown", "chen", "rossi", "petrov", "martin", "haddad", "patel", "berg", "tanaka", "novak",
			"dubois");

	private static final List<String> DOMAINS = List.of("example.com", "example.net", "example.org", "mail.example");

	private People() {
	}

	static String username(long n) {
		return FIRST.get((int) (n % FIRST.size())) + "." + LAST.get((int) ((n / FIRST.size()) % LAST.size())) + "." + n;
	}

	static String email(long n) {
		return username(n) + "@" + DOMAINS.get((int) (n % DOMAINS.size()));
	}

	static String displayName(long n) {
		String name = username(n);
		String first = name.substring(0, name.indexOf('.'));
		String last = name.substring(first.length() + 1, name.lastIndexOf('.'));
		return capital(first) + " " + capital(last);
	}

	/**
	 * A mobile number per user: US (+1 206 …), UK (+44 7700 …), Germany (+49 151 …), China (+86 138 …);
	 * the user's number {@code n / 4} fills the subscriber digits, so no two users share one.
	 */
	static String phone(long n) {
		long k = n / 4;
		return switch ((int) (n % 4)) {
			case 0 -> "+1206" + pad(k, 7);
			case 1 -> "+447700" + pad(k, 6 + (k >= 1_000_000 ? 1 : 0));
			case 2 -> "+49151" + pad(k, 8);
			default -> "+86138" + pad(k, 8);
		};
	}

	/** The calling code of {@link #phone(long)}, as {@code sms_message.calling_code} keeps it. */
	static String callingCode(long n) {
		return switch ((int) (n % 4)) {
			case 0 -> "1";
			case 1 -> "44";
			case 2 -> "49";
			default -> "86";
		};
	}

	/** As the server masks a number for records and audit ({@code +1 ••• ••• 0000}). */
	static String masked(long n) {
		String phone = phone(n);
		return "+" + callingCode(n) + " ••• ••• " + phone.substring(phone.length() - 4);
	}

	private static String pad(long value, int digits) {
		String s = Long.toString(value);
		return s.length() >= digits ? s : "0".repeat(digits - s.length()) + s;
	}

	private static String capital(String word) {
		return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
	}

}
