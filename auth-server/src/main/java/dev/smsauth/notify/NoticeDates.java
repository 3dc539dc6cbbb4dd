package dev.smsauth.notify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The date in a notice, in UTC (accounts have no time zone), without the year: a run of four
 * digits could pass for a code in an SMS, and a notice must never look like it carries one.
 */
final class NoticeDates {

	private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("d MMM, HH:mm 'UTC'", Locale.ENGLISH);

	private static final DateTimeFormatter CHINESE = DateTimeFormatter.ofPattern("M月d日 HH:mm 'UTC'", Locale.CHINESE);

	private NoticeDates() {
	}

	static String format(Instant at, Locale locale) {
		DateTimeFormatter formatter = "zh".equals(locale.getLanguage()) ? CHINESE : ENGLISH;
		return formatter.format(at.atZone(ZoneOffset.UTC));
	}

}
