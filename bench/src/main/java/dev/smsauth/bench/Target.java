package dev.smsauth.bench;

/**
 * A target from the issue: the most server CPU one operation may cost (a rate per server
 * CPU-second of R is the same as 1000 / R ms of CPU per operation), or the highest p99 latency.
 *
 * @param text how the issue words it
 * @param limitMs the budget in ms, or NaN when the scenario has no target
 * @param p99 true when the budget is for the p99 latency, false for the server CPU per operation
 */
record Target(String text, double limitMs, boolean p99) {

	static final Target NONE = new Target("", Double.NaN, false);

	static Target ratePerCpuSecond(int rate) {
		return cpuMs(">= " + rate + "/CPU-s", 1000.0 / rate);
	}

	static Target cpuMs(String text, double limitMs) {
		return new Target(text, limitMs, false);
	}

	static Target p99Ms(String text, double limitMs) {
		return new Target(text, limitMs, true);
	}

	/** "yes", "NO" or "" when there is no target. */
	String verdict(ScenarioResult result) {
		double value = p99 ? result.p99Ms() : result.serverCpuMsPerOp();
		if (Double.isNaN(limitMs) || Double.isNaN(value)) {
			return "";
		}
		return value <= limitMs ? "yes" : "NO";
	}

	/** The target with its budget, e.g. ">= 500/CPU-s (CPU <= 2.00 ms)". */
	String describe() {
		return Double.isNaN(limitMs) ? "" : String.format(java.util.Locale.ROOT, "%s (%s <= %.2f ms)", text, p99 ? "p99" : "CPU", limitMs);
	}

}
