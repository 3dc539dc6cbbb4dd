package dev.smsauth.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Prints the results as a table (Markdown, so it pastes into docs/performance.md) and as JSON. */
final class Report {

	static final String HEADER = "| scenario | thr | ops | ops/s | p50 ms | p90 ms | p99 ms | errors | srv CPU ms/op "
			+ "| ops/CPU-s | floor ms | x floor | target | met |";

	private Report() {
	}

	static void printFloor(PrintStream out, Floor f) {
		out.printf(Locale.ROOT, "Crypto floor (%s), ms of CPU per call: RS256 sign %.3f, ES256 sign %.3f, RS256 verify %.3f, "
				+ "Argon2id verify %.2f, bcrypt-10 verify %.2f, SHA-256 secret %.4f; Keycloak's: Argon2id (7168 KiB, t=5) verify %.2f, "
				+ "PBKDF2-SHA512 (210k, before Keycloak 24) verify %.2f, HS512 of a refresh token %.4f; "
				+ "through AWS-LC: RS256 sign %.3f, ES256 sign %.3f%n",
				f.source(), f.rs256SignMs(), f.es256SignMs(), f.rs256VerifyMs(), f.argon2idMs(), f.bcrypt10Ms(), f.sha256Ms(),
				f.keycloakArgon2idMs(), f.pbkdf2Sha512Ms(), f.hmacSha512Ms(), f.rs256SignAwsLcMs(), f.es256SignAwsLcMs());
	}

	static void printServer(PrintStream out, ServerFacts s) {
		if (Double.isNaN(s.startToReadyMs())) { // an external target: not started here
			out.printf(Locale.ROOT, "Server: %s at %s, pid %d, RSS %d MB as found, %s%n", s.profile(), s.jar(), s.pid(),
					s.idleRssKb() / 1024, s.javaVersion());
			return;
		}
		out.printf(Locale.ROOT, "Server: profile %s, pid %d, start to ready %.0f ms (target <= 6000), idle RSS %d MB (target <= 350), JDK %s%n",
				s.profile(), s.pid(), s.startToReadyMs(), s.idleRssKb() / 1024, s.javaVersion());
	}

	static void printTable(PrintStream out, List<ScenarioResult> results) {
		out.println(HEADER);
		out.println("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|");
		for (ScenarioResult r : results) {
			out.println(row(r));
		}
	}

	/** For the sign-in scenarios: the server's CPU beside the password hash it checked (the part a product's design decides). */
	static void printBeyondPasswordHash(PrintStream out, List<ScenarioResult> results) {
		for (ScenarioResult r : results) {
			if (!Double.isNaN(r.passwordHashMs())) {
				out.printf(Locale.ROOT, "%s: %s ms of server CPU beyond the password hash (%.2f ms, measured single-threaded here)%n",
						r.scenario(), num(r.beyondPasswordHashMs(), "%.3f"), r.passwordHashMs());
			}
		}
	}

	/** The extra floor: Argon2id's CPU per hash with 1, 2 and 4 at once (a separate line: the floor above stays single-threaded). */
	static void printConcurrentHashFloor(PrintStream out, ConcurrentHashFloor c) {
		out.printf(Locale.ROOT, "Extra floor (JMH ConcurrentArgon2idBenchmarks), Argon2id thread CPU per hash: one at a time %.2f ms, "
				+ "two at once %.2f, four at once %.2f (whole JVM, GC included: %.2f)%n", c.oneMs(), c.twoMs(), c.fourMs(), c.fourProcessMs());
	}

	/** Beside {@link #printBeyondPasswordHash}: the same sign-ins less the hash as it costs with four at once, as the scenarios run it. */
	static void printBeyondConcurrentHash(PrintStream out, List<ScenarioResult> results, ConcurrentHashFloor c) {
		for (ScenarioResult r : results) {
			if (!Double.isNaN(r.passwordHashMs()) && !Double.isNaN(r.beyondPasswordHashMs())) {
				double beyond = r.beyondPasswordHashMs() + r.passwordHashMs() - c.fourMs();
				out.printf(Locale.ROOT, "%s: %.3f ms of server CPU beyond the password hash as it costs four at once (%.2f ms, extra floor)%n",
						r.scenario(), beyond, c.fourMs());
			}
		}
	}

	/** For the token scenarios: the server's CPU beside the signatures of the tokens it issued (read from their headers). */
	static void printBeyondSignatures(PrintStream out, List<ScenarioResult> results) {
		for (ScenarioResult r : results) {
			if (!r.signing().tokens().isEmpty()) {
				out.printf(Locale.ROOT, "%s: %s ms of server CPU beyond the signatures (%s ms: %s)%n", r.scenario(),
						num(r.beyondSignaturesMs(), "%.3f"), num(r.signing().ms(), "%.3f"), r.signing().tokens());
			}
		}
	}

	/**
	 * The same two subtractions against the floor the server itself timed in the window
	 * ({@link ServerCrypto}): the hash and the signatures on this host, at this minute, as many at once
	 * as the scenario runs. For the sign-ins, the budget beyond the hash is checked against it.
	 */
	static void printInWindowFloors(PrintStream out, List<ScenarioResult> results) {
		for (ScenarioResult r : results) {
			double hash = r.inWindowHashMs();
			if (!Double.isNaN(hash)) {
				double budget = r.target().limitMs() - r.passwordHashMs();
				out.printf(Locale.ROOT, "%s: %.3f ms of server CPU beyond the password hash as the server timed it in the window "
						+ "(%.2f ms of thread CPU per hash, %.2f hashes per operation)%s%n", r.scenario(), r.beyondInWindowHashMs(), hash,
						(double) r.crypto().hashes() / r.ops(), Double.isNaN(budget) ? ""
								: String.format(Locale.ROOT, "; budget + %.0f ms: %s", budget, r.beyondInWindowHashMs() <= budget ? "yes" : "NO"));
			}
			double signatures = r.inWindowSignaturesMs();
			if (!Double.isNaN(signatures)) {
				out.printf(Locale.ROOT, "%s: %.3f ms of server CPU beyond the signatures as the server timed them in the window "
						+ "(%.3f ms per operation, %.3f ms per signature, %.2f signatures per operation; %.2f x its signatures)%n",
						r.scenario(), r.beyondInWindowSignaturesMs(), signatures, r.crypto().msPerSignature(),
						(double) r.crypto().signatures() / r.ops(), r.serverCpuMsPerOp() / signatures);
			}
		}
	}

	/** Where each scenario's server CPU went: request threads, JIT, GC (from /proc/<pid>/task). */
	static void printThreadShares(PrintStream out, List<ScenarioResult> results) {
		out.println();
		out.println("Server CPU in the window by thread kind:");
		for (ScenarioResult r : results) {
			out.println("  " + r.scenario() + ": " + r.cpuByThread() + String.format(Locale.ROOT, " (after %.0f s of warm-up)", r.warmupSeconds()));
		}
	}

	static String row(ScenarioResult r) {
		return String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.2f | %.2f | %.2f | %d | %s | %s | %s | %s | %s | %s |",
				r.scenario(), r.threads(), r.ops(), r.opsPerSecond(), r.p50Ms(), r.p90Ms(), r.p99Ms(), r.errors(),
				num(r.serverCpuMsPerOp(), "%.3f"), num(r.opsPerServerCpuSecond(), "%.0f"), num(r.floorMs(), "%.3f"),
				num(r.floorRatio(), "%.1f"), r.target().describe(), r.target().verdict(r));
	}

	private static String num(double value, String format) {
		return Double.isNaN(value) || Double.isInfinite(value) ? "-" : String.format(Locale.ROOT, format, value);
	}

	static void writeJson(Path file, ServerFacts server, Floor floor, List<ScenarioResult> results) throws IOException {
		StringBuilder json = new StringBuilder("{\n");
		json.append("  \"server\": {\"profile\": ").append(Json.quote(server.profile()))
			.append(", \"jar\": ").append(Json.quote(server.jar()))
			.append(", \"java\": ").append(Json.quote(server.javaVersion()))
			.append(", \"startToReadyMs\": ").append(fmt(server.startToReadyMs()))
			.append(", \"idleRssKb\": ").append(server.idleRssKb()).append("},\n");
		json.append("  \"floorMs\": {\"source\": ").append(Json.quote(floor.source()))
			.append(", \"rs256Sign\": ").append(fmt(floor.rs256SignMs()))
			.append(", \"es256Sign\": ").append(fmt(floor.es256SignMs()))
			.append(", \"rs256Verify\": ").append(fmt(floor.rs256VerifyMs()))
			.append(", \"argon2idVerify\": ").append(fmt(floor.argon2idMs()))
			.append(", \"bcrypt10Verify\": ").append(fmt(floor.bcrypt10Ms()))
			.append(", \"sha256SecretVerify\": ").append(fmt(floor.sha256Ms()))
			.append(", \"pbkdf2Sha512Verify\": ").append(fmt(floor.pbkdf2Sha512Ms()))
			.append(", \"keycloakArgon2idVerify\": ").append(fmt(floor.keycloakArgon2idMs()))
			.append(", \"hmacSha512Jwt\": ").append(fmt(floor.hmacSha512Ms())).append("},\n");
		json.append("  \"scenarios\": [\n");
		json.append(results.stream().map(Report::json).collect(Collectors.joining(",\n")));
		json.append("\n  ]\n}\n");
		if (file.getParent() != null) {
			Files.createDirectories(file.getParent());
		}
		Files.writeString(file, json);
	}

	private static String json(ScenarioResult r) {
		return "    {\"scenario\": " + Json.quote(r.scenario()) + ", \"threads\": " + r.threads() + ", \"seconds\": "
				+ fmt(r.seconds()) + ", \"ops\": " + r.ops() + ", \"opsPerSecond\": " + fmt(r.opsPerSecond())
				+ ", \"p50Ms\": " + fmt(r.p50Ms()) + ", \"p90Ms\": " + fmt(r.p90Ms()) + ", \"p99Ms\": " + fmt(r.p99Ms())
				+ ", \"errors\": " + r.errors() + ", \"serverCpuMsPerOp\": " + fmt(r.serverCpuMsPerOp())
				+ ", \"opsPerServerCpuSecond\": " + fmt(r.opsPerServerCpuSecond()) + ", \"dbCpuMsPerOp\": "
				+ fmt(r.dbCpuMsPerOp()) + ", \"passwordHashMs\": " + fmt(r.passwordHashMs()) + ", \"beyondPasswordHashMs\": "
				+ fmt(r.beyondPasswordHashMs()) + ", \"signingFloorMs\": " + fmt(r.signing().ms()) + ", \"signedTokens\": "
				+ Json.quote(r.signing().tokens()) + ", \"beyondSignaturesMs\": " + fmt(r.beyondSignaturesMs())
				+ ", \"inWindowHashMs\": " + fmt(r.inWindowHashMs()) + ", \"beyondInWindowHashMs\": " + fmt(r.beyondInWindowHashMs())
				+ ", \"inWindowSignaturesMs\": " + fmt(r.inWindowSignaturesMs()) + ", \"beyondInWindowSignaturesMs\": "
				+ fmt(r.beyondInWindowSignaturesMs()) + ", \"floorMs\": " + fmt(r.floorMs()) + ", \"floorRatio\": " + fmt(r.floorRatio())
				+ ", \"target\": " + Json.quote(r.target().describe()) + ", \"targetMet\": " + Json.quote(r.target().verdict(r)) + ", \"cpuByThread\": " + Json.quote(r.cpuByThread()) + ", \"warmupSeconds\": " + fmt(r.warmupSeconds()) + ", \"firstError\": "
				+ (r.firstError() == null ? "null" : Json.quote(r.firstError())) + "}";
	}

	/** JSON has no NaN: null instead. */
	private static String fmt(double value) {
		return Double.isNaN(value) || Double.isInfinite(value) ? "null" : String.format(Locale.ROOT, "%.4f", value);
	}

}
