package dev.smsauth.console;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.smsauth.stats.SmsDay;

/**
 * SMS counts added up over some rows of {@code stats.SmsStatistics} (a day, a provider, a country,
 * or everything), with the rates and the cost as the console shows them.
 */
final class SmsTally {

	private long sent;

	private long delivered;

	private long failed;

	private long rejected;

	private long verified;

	private final Map<String, BigDecimal> cost = new TreeMap<>();

	SmsTally add(SmsDay row) {
		sent += row.sent();
		delivered += row.delivered();
		failed += row.failed();
		rejected += row.rejected();
		verified += row.verified();
		// The dev outbox's "free, in no currency" adds nothing to show.
		if (row.cost() != null && (row.currency() != null || row.cost().signum() != 0)) {
			cost.merge(row.currency() == null ? "?" : row.currency(), row.cost(), BigDecimal::add);
		}
		return this;
	}

	public long getSent() {
		return sent;
	}

	public long getDelivered() {
		return delivered;
	}

	/** Rejected, failed or expired. */
	public long getFailed() {
		return failed;
	}

	/** Accepted, no final receipt yet. */
	public long getAwaiting() {
		return Math.max(0, sent - delivered - (failed - rejected));
	}

	public long getVerified() {
		return verified;
	}

	/** Delivered of sent, in percent; null when nothing was sent. */
	public Double getDeliveryRate() {
		return percent(delivered, sent);
	}

	/** Verified of sent, in percent; null when nothing was sent. */
	public Double getVerificationRate() {
		return percent(verified, sent);
	}

	public String getDeliveryRateText() {
		return text(getDeliveryRate());
	}

	public String getVerificationRateText() {
		return text(getVerificationRate());
	}

	/** "EUR 0.0666", one per currency; "—" when no provider reported a price. */
	public String getCostText() {
		return cost.isEmpty() ? "—"
				: cost.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().stripTrailingZeros().toPlainString())
					.collect(Collectors.joining(" · "));
	}

	private static Double percent(long part, long whole) {
		return whole == 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
	}

	private static String text(Double rate) {
		return rate == null ? "—" : (rate == Math.rint(rate) ? String.valueOf(rate.longValue()) : String.valueOf(rate)) + " %";
	}

}
