package dev.smsauth.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's own meter of its two deliberately expensive primitives ({@code smsauth_crypto_cpu_seconds},
 * thread CPU per password hash and per token signature, from {@code /actuator/prometheus}): read at
 * both edges of a window, it gives the floor of that window, on that host, with as many hashes at
 * once as the scenario runs. A JMH floor is measured minutes away, single-threaded; on a VM whose
 * host changes speed by a third within minutes, and with a memory-hard hash that costs more CPU when
 * four share two cores' caches, "beyond the hash" taken against it mixes the host's drift into the
 * product's figure.
 *
 * @param hashSeconds thread CPU of all password hashes so far
 * @param hashes how many
 * @param signSeconds thread CPU of all token signatures so far
 * @param signatures how many
 */
record ServerCrypto(double hashSeconds, long hashes, double signSeconds, long signatures) {

	/** For a provider that does not report it (an external one). */
	static final ServerCrypto NONE = new ServerCrypto(Double.NaN, 0, Double.NaN, 0);

	/** The two series of one operation: name_count or name_sum, with the operation's label among any others. */
	private static final String SERIES = "^smsauth_crypto_cpu_seconds_%s\\{[^}]*\\boperation=\"%s\"[^}]*\\} (\\S+)$";

	/** The four series from a Prometheus scrape; {@link #NONE} when the server has no such meter. */
	static ServerCrypto parse(String scrape) {
		double hashCount = value(scrape, "count", "password_hash");
		double signCount = value(scrape, "count", "token_signature");
		if (Double.isNaN(hashCount) || Double.isNaN(signCount)) {
			return NONE;
		}
		return new ServerCrypto(value(scrape, "sum", "password_hash"), (long) hashCount,
				value(scrape, "sum", "token_signature"), (long) signCount);
	}

	private static double value(String scrape, String part, String operation) {
		Matcher m = Pattern.compile(String.format(Locale.ROOT, SERIES, part, operation), Pattern.MULTILINE).matcher(scrape);
		return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
	}

	boolean reported() {
		return !Double.isNaN(hashSeconds);
	}

	/** What happened between {@code earlier} and this reading. */
	ServerCrypto since(ServerCrypto earlier) {
		if (!reported() || !earlier.reported()) {
			return NONE;
		}
		return new ServerCrypto(hashSeconds - earlier.hashSeconds, hashes - earlier.hashes,
				signSeconds - earlier.signSeconds, signatures - earlier.signatures);
	}

	/** Mean thread CPU of one password hash in ms (NaN when there was none). */
	double msPerHash() {
		return hashes > 0 ? hashSeconds * 1_000 / hashes : Double.NaN;
	}

	/** Mean thread CPU of one token signature in ms (NaN when there was none). */
	double msPerSignature() {
		return signatures > 0 ? signSeconds * 1_000 / signatures : Double.NaN;
	}

	/**
	 * The hash's CPU in one of {@code ops} operations: the mean hash times the whole number of
	 * hashes an operation does (the counters are read a moment apart from the window's edges, while
	 * the workers run on, so the raw ratio is near, not at, a whole number).
	 */
	double hashMsPerOp(long ops) {
		return perOp(msPerHash(), hashes, ops);
	}

	/** The same for the signatures of one operation's answer. */
	double signatureMsPerOp(long ops) {
		return perOp(msPerSignature(), signatures, ops);
	}

	private static double perOp(double mean, long count, long ops) {
		if (ops <= 0 || count <= 0 || Double.isNaN(mean)) {
			return Double.NaN;
		}
		return mean * Math.round((double) count / ops);
	}

}
