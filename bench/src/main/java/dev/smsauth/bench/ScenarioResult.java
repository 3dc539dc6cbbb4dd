package dev.smsauth.bench;

/**
 * What one scenario measured. {@code errors} counts failed operations of the warm-up and of the
 * measured window (an error is an error); the rates count only what completed inside the window.
 *
 * @param serverCpuMsPerOp the server process's CPU time over the window divided by the operations
 * @param dbCpuMsPerOp the same for the MariaDB server process (mysql profile), NaN otherwise
 * @param floorMs the cryptographic floor of one operation (NaN where there is none)
 * @param firstError the first failure's message, for diagnosis
 * @param passwordHashMs the password hash inside one operation (sign-in scenarios), NaN otherwise
 * @param signing the signatures of one operation's answer (client_credentials, refresh), {@link SigningFloor#NONE} otherwise
 * @param cpuByThread the server's CPU in the window by kind of thread, e.g. "requests 71%, JIT 20%, ..."
 * @param warmupSeconds how long this scenario warmed up before its window ({@link WarmUp})
 * @param crypto the server's own meter of its hashes and signatures over the window ({@link ServerCrypto#NONE}
 * where it has none)
 */
record ScenarioResult(String scenario, int threads, double seconds, long ops, double opsPerSecond, double p50Ms,
		double p90Ms, double p99Ms, long errors, double serverCpuMsPerOp, double dbCpuMsPerOp, double floorMs,
		double passwordHashMs, SigningFloor signing, Target target, String firstError, String cpuByThread,
		double warmupSeconds, ServerCrypto crypto) {

	/** Operations per second of server CPU: 1000 / CPU ms per operation. */
	double opsPerServerCpuSecond() {
		return serverCpuMsPerOp > 0 ? 1000.0 / serverCpuMsPerOp : Double.NaN;
	}

	/** The server's CPU per operation beyond the password hash (NaN where there is none). */
	double beyondPasswordHashMs() {
		return serverCpuMsPerOp - passwordHashMs;
	}

	/** The server's CPU per operation beyond the signatures of its answer (NaN where there are none). */
	double beyondSignaturesMs() {
		return serverCpuMsPerOp - signing.ms();
	}

	/** The password hash in one operation as the server timed it in the window (sign-in scenarios; NaN otherwise). */
	double inWindowHashMs() {
		return Double.isNaN(passwordHashMs) ? Double.NaN : crypto.hashMsPerOp(ops);
	}

	/** The server's CPU per operation beyond the hash it timed in the same window. */
	double beyondInWindowHashMs() {
		return serverCpuMsPerOp - inWindowHashMs();
	}

	/** The signatures of one operation's answer as the server timed them in the window (token scenarios; NaN otherwise). */
	double inWindowSignaturesMs() {
		return signing.tokens().isEmpty() ? Double.NaN : crypto.signatureMsPerOp(ops);
	}

	/** The server's CPU per operation beyond the signatures it timed in the same window. */
	double beyondInWindowSignaturesMs() {
		return serverCpuMsPerOp - inWindowSignaturesMs();
	}

	/** How many times the floor the server spends (NaN where there is no floor). */
	double floorRatio() {
		return Double.isNaN(floorMs) || floorMs <= 0 ? Double.NaN : serverCpuMsPerOp / floorMs;
	}

}
