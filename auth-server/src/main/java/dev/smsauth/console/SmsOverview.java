package dev.smsauth.console;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.smsauth.console.chart.BarChart;
import dev.smsauth.console.chart.LineChart;
import dev.smsauth.console.chart.Series;
import dev.smsauth.stats.SmsDay;
import dev.smsauth.stats.StatsRange;

/**
 * The SMS part of the console's overview, from the same rows as the statistics API: totals, per
 * day, per provider and per calling code, and the charts drawn from them.
 */
final class SmsOverview {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);

	private final Map<LocalDate, SmsTally> perDay = new LinkedHashMap<>();

	private final Map<String, SmsTally> perProvider = new TreeMap<>();

	private final Map<String, SmsTally> perCallingCode = new TreeMap<>();

	private final SmsTally total = new SmsTally();

	private SmsOverview(StatsRange range, List<SmsDay> rows) {
		range.days().forEach(day -> perDay.put(day, new SmsTally()));
		for (SmsDay row : rows) {
			perDay.computeIfAbsent(row.day(), d -> new SmsTally()).add(row);
			perProvider.computeIfAbsent(row.provider(), p -> new SmsTally()).add(row);
			perCallingCode.computeIfAbsent("+" + row.callingCode(), c -> new SmsTally()).add(row);
			total.add(row);
		}
	}

	static SmsOverview of(StatsRange range, List<SmsDay> rows) {
		return new SmsOverview(range, rows);
	}

	SmsTally total() {
		return total;
	}

	Map<String, SmsTally> perProvider() {
		return perProvider;
	}

	Map<String, SmsTally> perCallingCode() {
		return perCallingCode;
	}

	/** Stacked per day: delivered, awaiting a receipt, failed (together every provider call). */
	String messagesPerDay() {
		List<Double> delivered = new ArrayList<>();
		List<Double> awaiting = new ArrayList<>();
		List<Double> failed = new ArrayList<>();
		perDay.values().forEach(t -> {
			delivered.add((double) t.getDelivered());
			awaiting.add((double) t.getAwaiting());
			failed.add((double) t.getFailed());
		});
		return BarChart.render("SMS per day: " + total.getSent() + " sent, " + total.getDelivered() + " delivered, "
				+ total.getFailed() + " failed", dayLabels(), List.of(new Series("Delivered", "s-delivered", delivered),
						new Series("Awaiting receipt", "s-awaiting", awaiting), new Series("Failed", "s-failed", failed)),
				true, "");
	}

	/** Verified of sent per day, in percent; no point on a day without SMS. */
	String verificationPerDay() {
		List<Double> rates = perDay.values().stream().map(SmsTally::getVerificationRate).toList();
		return LineChart.render("Verification success rate per day; overall " + total.getVerificationRateText(),
				dayLabels(), "Codes verified of SMS sent", "s-verified", rates, "%");
	}

	String deliveryRatePerProvider() {
		return rates("Delivery rate per provider", perProvider);
	}

	String deliveryRatePerCallingCode() {
		return rates("Delivery rate per country calling code", perCallingCode);
	}

	private static String rates(String label, Map<String, SmsTally> tallies) {
		List<Double> delivery = tallies.values().stream().map(t -> zeroIfNull(t.getDeliveryRate())).toList();
		List<Double> verification = tallies.values().stream().map(t -> zeroIfNull(t.getVerificationRate())).toList();
		return BarChart.render(label, List.copyOf(tallies.keySet()), List.of(new Series("Delivered", "s-delivered",
				delivery), new Series("Verified", "s-verified", verification)), false, "%");
	}

	List<String> dayLabels() {
		return perDay.keySet().stream().map(DAY::format).toList();
	}

	private static Double zeroIfNull(Double value) {
		return value == null ? 0.0 : value;
	}

}
