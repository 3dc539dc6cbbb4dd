package dev.smsauth.stats;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import dev.smsauth.api.FieldErrors;

/**
 * Whole UTC days from {@code from} to {@code to}, both inclusive. Without dates: the last 30 days,
 * today included. At most {@link #MAX_DAYS} days, so one answer stays small.
 */
public record StatsRange(LocalDate from, LocalDate to) {

	public static final int DEFAULT_DAYS = 30;

	public static final int MAX_DAYS = 400;

	/** The last {@code days} UTC days, today included. */
	public static StatsRange lastDays(int days, Clock clock) {
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		return new StatsRange(today.minusDays(days - 1L), today);
	}

	/** From query parameters ({@code yyyy-MM-dd}, either may be absent); a bad value is named in {@code errors}. */
	static StatsRange parse(String rawFrom, String rawTo, Clock clock, FieldErrors errors) {
		LocalDate to = date("to", rawTo, errors);
		LocalDate from = date("from", rawFrom, errors);
		if (to == null) {
			to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		}
		if (from == null) {
			from = to.minusDays(DEFAULT_DAYS - 1L);
		}
		if (from.isAfter(to)) {
			errors.add("from", "must not be after to");
		}
		else if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
			errors.add("from", "must be at most " + MAX_DAYS + " days before to");
		}
		return new StatsRange(from, to);
	}

	/** The first instant of {@code from}. */
	public Instant start() {
		return from.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	/** The first instant after {@code to}. */
	public Instant end() {
		return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	/** Every day of the range, oldest first. */
	public List<LocalDate> days() {
		return Stream.iterate(from, day -> !day.isAfter(to), day -> day.plusDays(1)).toList();
	}

	private static LocalDate date(String name, String raw, FieldErrors errors) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(raw.strip());
		}
		catch (DateTimeParseException ex) {
			errors.add(name, "must be a date as yyyy-MM-dd, e.g. 2025-01-31");
			return null;
		}
	}

}
