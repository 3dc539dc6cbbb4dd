package dev.smsauth.bench;

/**
 * A target from the issue, as the most server CPU one operation may cost. A rate per server
 * CPU-second of R is the same as 1000 / R ms of CPU per operation.
 *
 * @param text how the issue words it
 * @param maxCpuMsPerOp the budget, or NaN when the scenario has no target
 */
record Target(String text, double maxCpuMsPerOp) {

	static final Target NONE = new Target("", Double.NaN);

	static Target ratePerCpuSecond(int rate) {
		return new Target(">= " + rate + "/CPU-s", 1000.0 / rate);
	}

	/** "yes", "NO" or "" when there is no target. */
	String verdict(double cpuMsPerOp) {
		if (Double.isNaN(maxCpuMsPerOp) || Double.isNaN(cpuMsPerOp)) {
			return "";
		}
		return cpuMsPerOp <= maxCpuMsPerOp ? "yes" : "NO";
	}

}
