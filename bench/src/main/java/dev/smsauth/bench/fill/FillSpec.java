package dev.smsauth.bench.fill;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much to put in the database: {@code users=1000000,grants=5000000,challenges=2000000} and,
 * optionally, {@code expired=0.9} (share of grants whose every token has expired, and of challenges
 * older than the clean-up's retention), {@code service=0.5} (share of grants that are
 * client_credentials tokens rather than a person's sign-in), {@code hits=200000} (rate-limit hits),
 * {@code loaders=4} (connections writing each table at once; 1 is the fill before they were added).
 * SMS message records and audit events follow from the challenges (one message, two audit events
 * per challenge: sent and verified).
 */
public record FillSpec(long users, long grants, long challenges, double expiredShare, double serviceShare, long hits,
		int loaders) {

	public FillSpec {
		if (users < 1 || grants < 0 || challenges < 0 || hits < 0) {
			throw new IllegalArgumentException("--fill needs users >= 1 and no negative counts");
		}
		if (expiredShare < 0 || expiredShare > 1 || serviceShare < 0 || serviceShare > 1) {
			throw new IllegalArgumentException("--fill: expired and service are shares between 0 and 1");
		}
		if (loaders < 1 || loaders > 16) {
			throw new IllegalArgumentException("--fill: loaders between 1 and 16");
		}
	}

	public static FillSpec parse(String text) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String part : text.split(",")) {
			String[] kv = part.strip().split("=", 2);
			if (kv.length != 2) {
				throw new IllegalArgumentException("--fill expects name=value pairs, got '" + part + "'");
			}
			values.put(kv[0].strip(), kv[1].strip().replace("_", ""));
		}
		FillSpec spec = new FillSpec(count(values.remove("users"), 1_000_000), count(values.remove("grants"), 5_000_000),
				count(values.remove("challenges"), 2_000_000), share(values.remove("expired"), 0.9),
				share(values.remove("service"), 0.5), count(values.remove("hits"), 200_000),
				(int) count(values.remove("loaders"), 4));
		if (!values.isEmpty()) {
			throw new IllegalArgumentException("--fill: unknown " + values.keySet());
		}
		return spec;
	}

	/** SMS message records: one per challenge (the code that was sent). */
	public long messages() {
		return challenges;
	}

	/** Audit events: SMS_SENT and SMS_VERIFIED (or a password acceptance) per challenge. */
	public long auditEvents() {
		return 2 * challenges;
	}

	private static long count(String value, long otherwise) {
		return value == null ? otherwise : Long.parseLong(value);
	}

	private static double share(String value, double otherwise) {
		return value == null ? otherwise : Double.parseDouble(value);
	}

}
