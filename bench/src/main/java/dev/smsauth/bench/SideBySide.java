package dev.smsauth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two runs' JSON results (ours, then another provider's: bench/keycloak.sh makes both on one
 * machine, one JVM, one load generator) as one Markdown table per server CPU-second, with the
 * issue's comparison: at least 1.5x Keycloak's operations per CPU-second in client_credentials,
 * refresh, and the sign-in's cost beyond the password hash. Each product is also shown beyond its
 * own floor: the sign-in beyond its own password hash, client_credentials and refresh beyond the
 * signatures of the tokens it issued (Keycloak's refresh token is an HS512 JWT, ours opaque).
 * <p>
 * {@code java -cp 'bench/target/bench.jar:bench/target/lib/*' dev.smsauth.bench.SideBySide ours.json theirs.json [ourName theirName]}
 */
public final class SideBySide {

	/** The issue's factor, and the rows it applies to. */
	static final double FACTOR = 1.5;

	static final List<String> COMPARED = List.of("client_credentials", "refresh_token", "password_sign_in beyond the hash");

	private SideBySide() {
	}

	/**
	 * One scenario's figures from a result file; the floors the server timed in the window are NaN
	 * for a provider without that meter (and for files from before it).
	 */
	record Row(String scenario, double cpuMsPerOp, double passwordHashMs, double signingFloorMs, long errors,
			double inWindowHashMs, double inWindowSignaturesMs) {
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 2 && args.length != 4) {
			System.err.println("Usage: SideBySide <ours.json> <theirs.json> [ourName theirName]");
			System.exit(2);
		}
		String ours = args.length == 4 ? args[2] : "smsauth";
		String theirs = args.length == 4 ? args[3] : "Keycloak";
		System.out.print(table(read(Path.of(args[0])), read(Path.of(args[1])), ours, theirs));
	}

	/** Scenario rows in file order; Report writes one scenario per line. */
	static Map<String, Row> read(Path file) throws IOException {
		return parse(Files.readString(file));
	}

	static Map<String, Row> parse(String json) {
		Map<String, Row> rows = new LinkedHashMap<>();
		for (String line : json.split("\n")) {
			String scenario = Json.string(line, "scenario");
			if (scenario != null) {
				rows.put(scenario, new Row(scenario, Json.number(line, "serverCpuMsPerOp"), Json.number(line, "passwordHashMs"),
						Json.number(line, "signingFloorMs"), (long) Json.number(line, "errors"), Json.number(line, "inWindowHashMs"),
						Json.number(line, "inWindowSignaturesMs")));
			}
		}
		return rows;
	}

	static String table(Map<String, Row> ours, Map<String, Row> theirs, String ourName, String theirName) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "| scenario | %1$s CPU ms/op | %1$s ops/CPU-s | %2$s CPU ms/op | %2$s ops/CPU-s "
				+ "| %1$s / %2$s per CPU-s | >= %3$.1fx |%n", ourName, theirName, FACTOR));
		out.append("|---|--:|--:|--:|--:|--:|---|\n");
		List<String> lines = new ArrayList<>();
		for (Row mine : ours.values()) {
			Row other = theirs.get(mine.scenario());
			if (other == null) {
				continue;
			}
			lines.add(line(mine.scenario(), mine.cpuMsPerOp(), other.cpuMsPerOp()));
			if (!Double.isNaN(mine.passwordHashMs()) && !Double.isNaN(other.passwordHashMs())) {
				lines.add(line(mine.scenario() + " beyond the hash", mine.cpuMsPerOp() - mine.passwordHashMs(),
						other.cpuMsPerOp() - other.passwordHashMs()));
				lines.add(line(mine.scenario() + ": the password hash alone", mine.passwordHashMs(), other.passwordHashMs()));
			}
			if (!Double.isNaN(mine.signingFloorMs()) && !Double.isNaN(other.signingFloorMs())) {
				String signatures = mine.scenario().equals("client_credentials") ? "signature" : "signatures";
				lines.add(line(mine.scenario() + " beyond the " + signatures, mine.cpuMsPerOp() - mine.signingFloorMs(),
						other.cpuMsPerOp() - other.signingFloorMs()));
				lines.add(line(mine.scenario() + ": the " + signatures + " alone", mine.signingFloorMs(), other.signingFloorMs()));
			}
		}
		lines.forEach(l -> out.append(l).append('\n'));
		return out.toString();
	}

	private static String line(String name, double ourMs, double theirMs) {
		// ops per CPU-second is 1000 / ms, so our rate over theirs is their ms over ours.
		double ratio = theirMs / ourMs;
		String verdict = COMPARED.contains(name) ? (ratio >= FACTOR ? "yes" : "NO") : "";
		return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |", name, num(ourMs, "%.3f"), num(1000 / ourMs, "%.0f"),
				num(theirMs, "%.3f"), num(1000 / theirMs, "%.0f"), num(ratio, "%.2fx"), verdict);
	}

	private static String num(double value, String format) {
		return Double.isNaN(value) || Double.isInfinite(value) || value <= 0 && !format.endsWith("x")
				? "-" : String.format(Locale.ROOT, format, value);
	}

}
