package dev.smsauth.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.smsauth.bench.fill.FillSpec;
import dev.smsauth.bench.fill.Filler;
import dev.smsauth.bench.fill.HotQueries;

/**
 * {@code --profile mysql --fill users=…,grants=…,challenges=…}: the same scenarios on an empty and on
 * a filled database in one run window. Two servers run side by side on two fresh databases; the
 * second is filled (after its Flyway made the schema and one real sign-in left the grants to copy);
 * then every scenario runs on one and then the other, the order alternating per repetition, so
 * both servers warm up alike and share the machine's state at the time. Then the clean-up job under
 * load (a third node on the filled database runs it while sign-ins continue on the second), and
 * EXPLAIN of every hot query on the filled database.
 */
final class ScaleRun {

	static final List<String> SCENARIOS = List.of("password_sign_in", "sms_sign_in", "refresh_token", "userinfo",
			"introspection");

	/**
	 * The options of this mode, taken out of the command line before the common ones are parsed.
	 * {@code cleanupVariants} empty: one clean-up node of the compared jar with its defaults.
	 */
	record Settings(FillSpec spec, int reps, Duration cleanupWindow, boolean keepDatabases,
			List<CleanupVariant> cleanupVariants, String[] rest) {

		static Settings take(String[] args) {
			FillSpec spec = null;
			int reps = 2;
			Duration cleanupWindow = Duration.ofSeconds(60);
			boolean keep = false;
			List<CleanupVariant> variants = new ArrayList<>();
			List<String> rest = new ArrayList<>();
			for (int i = 0; i < args.length; i++) {
				switch (args[i]) {
					case "--fill" -> spec = FillSpec.parse(next(args, ++i));
					case "--reps" -> reps = Integer.parseInt(next(args, ++i));
					case "--cleanup-window" -> cleanupWindow = Duration.ofSeconds(Long.parseLong(next(args, ++i)));
					case "--cleanup-variant" -> variants.add(CleanupVariant.parse(next(args, ++i)));
					case "--keep-databases" -> keep = true;
					default -> rest.add(args[i]);
				}
			}
			return new Settings(spec, reps, cleanupWindow, keep, List.copyOf(variants), rest.toArray(String[]::new));
		}

		private static String next(String[] args, int i) {
			if (i >= args.length) {
				throw new Options.UsageException(args[i - 1] + " needs a value");
			}
			return args[i];
		}

	}

	/**
	 * One clean-up node to measure: {@code label=jar} and the server options after it, separated by
	 * spaces (e.g. {@code "paced=auth-server/target/a.jar --auth.cleanup.pause-factor=2"}); the jar
	 * may be empty for the compared one. Each variant gets its own pair of windows, without and
	 * during, in the order given, on the same filled database: the clean-ups of two versions side by
	 * side in one window of the machine.
	 */
	record CleanupVariant(String label, Path jar, List<String> args) {

		static CleanupVariant parse(String value) {
			int eq = value.indexOf('=');
			if (eq <= 0) {
				throw new Options.UsageException("--cleanup-variant needs label=jar [server options]: " + value);
			}
			List<String> words = new ArrayList<>(Arrays.asList(value.substring(eq + 1).trim().split("\\s+")));
			String jar = words.isEmpty() ? "" : words.remove(0);
			if (jar.startsWith("--")) {
				words.add(0, jar);
				jar = "";
			}
			words.removeIf(String::isEmpty);
			return new CleanupVariant(value.substring(0, eq), jar.isEmpty() ? null : Path.of(jar), List.copyOf(words));
		}

	}

	/** One server of the comparison with what its scenarios need. */
	private record Node(String label, FreshMariaDb db, ServerProcess server, Bench.Secrets secrets, OurProvider ours,
			Bench.Measured measured) {
	}

	private ScaleRun() {
	}

	static boolean run(Options options, Settings settings, PrintStream out) throws Exception {
		if (!options.profile().equals("mysql")) {
			throw new Options.UsageException("--fill needs --profile mysql");
		}
		List<String> scenarios = options.scenarios().equals(Options.ALL_SCENARIOS) ? SCENARIOS : options.scenarios();
		Floor floor = options.floorFrom() != null ? CryptoFloor.fromJmh(options.floorFrom()) : CryptoFloor.measure(options.smoke());
		Report.printFloor(out, floor);
		out.printf("Scale run %s: %s; %d threads, %s warm-up, %s measured, %d repetitions%n", Instant.now(), settings.spec(),
				options.threads(), options.warmup(), options.duration(), settings.reps());
		List<Node> nodes = new ArrayList<>();
		List<ScenarioResult> empty = new ArrayList<>();
		List<ScenarioResult> filled = new ArrayList<>();
		boolean ok = true;
		try {
			nodes.add(start("empty", options, List.of(), null, null, out));
			nodes.add(start("filled", options, List.of(), null, null, out));
			Node e = nodes.get(0);
			Node f = nodes.get(1);
			Filler.Result fill = fill(f, settings.spec(), out);
			check(f, fill, out);

			java.util.function.LongSupplier dbCpu = () -> ProcStat.pidOf("mariadbd").flatMap(ProcStat::cpuNanos).orElse(-1L);
			LoadGenerator generator = new LoadGenerator(options.threads(), options.warmUp(), options.duration());
			for (int rep = 1; rep <= settings.reps(); rep++) {
				for (String name : scenarios) {
					List<Node> order = rep % 2 == 1 ? List.of(e, f) : List.of(f, e);
					for (Node node : order) {
						out.print("[" + node.label() + ", rep " + rep + "] ");
						ScenarioResult r = Bench.run(generator, Bench.scenario(name, node.ours()), node.measured(), dbCpu, floor,
								options, out, new ArrayList<>());
						(node == e ? empty : filled).add(r);
						ok &= r.errors() == 0;
					}
				}
			}
			if (settings.reps() > 0) {
				printComparison(out, scenarios, empty, filled);
			}
			if (!settings.cleanupWindow().isZero()) {
				List<CleanupVariant> variants = settings.cleanupVariants().isEmpty()
						? List.of(new CleanupVariant("cleanup", null, List.of())) : settings.cleanupVariants();
				List<String> rows = new ArrayList<>();
				for (CleanupVariant variant : variants) {
					ok &= cleanupUnderLoad(f, variant, options, settings.cleanupWindow(), floor, dbCpu, rows, out);
				}
				out.println();
				out.println("| clean-up node | sign-in p99 ms without | during | during / without | p50 ms without / during "
						+ "| dead grants deleted in the window | grants/s | SMS challenges deleted |");
				out.println("|---|--:|--:|--:|--:|--:|--:|--:|");
				rows.forEach(out::println);
			}
			HotQueries.explainAll(f.db().url(), out);
			return ok;
		}
		finally {
			for (Node node : nodes) {
				node.server().close();
				if (!settings.keepDatabases()) {
					node.db().close();
				}
				else {
					out.println("Kept database " + node.db().url());
				}
			}
		}
	}

	private static Node start(String label, Options options, List<String> extraArgs, FreshMariaDb existing,
			Bench.Secrets sameSecrets, PrintStream out) throws Exception {
		return start(label, options.jar(), options, extraArgs, existing, sameSecrets, out);
	}

	private static Node start(String label, Path jar, Options options, List<String> extraArgs, FreshMariaDb existing,
			Bench.Secrets sameSecrets, PrintStream out) throws Exception {
		FreshMariaDb db = existing != null ? existing : FreshMariaDb.create(options.mariaDbUrl());
		Bench.Secrets secrets = sameSecrets != null ? sameSecrets : Bench.Secrets.fresh();
		List<String> args = new ArrayList<>(Bench.appArgs(options, db));
		args.addAll(extraArgs);
		if (extraArgs.isEmpty()) {
			// The comparison's servers never clean up on their own: only the clean-up node does, when asked.
			args.add("--auth.cleanup.enabled=false");
		}
		Path workDir = Files.createTempDirectory("smsauth-scale-" + label + "-");
		ServerProcess server = ServerProcess.start(jar, workDir, Bench.jvmArgs(options), args, secrets.env());
		ServerFacts facts = Bench.settle(server, options);
		out.print(label + ": ");
		Report.printServer(out, facts);
		out.println("Server log: " + server.log());
		Management management = new Management(new Http(server.base()), Bench.MANAGEMENT_CLIENT_ID, secrets.managementSecret());
		OurProvider ours = new OurProvider(new Fixtures(management), false);
		return new Node(label, db, server, secrets, ours,
				new Bench.Measured(server.base(), server.pid(), server::cpuNanos, management::crypto));
	}

	/** One real SMS sign-in and one client_credentials grant on the node, then copies of them and the rest. */
	private static Filler.Result fill(Node node, FillSpec spec, PrintStream out) throws Exception {
		Http http = new Http(node.server().base());
		node.ours().signIn(http, 0);
		new ClientCredentialsScenario(node.ours()).worker(0, http).run();
		String templateUser;
		try (Connection c = DriverManager.getConnection(node.db().url(), "root", "")) {
			var rs = c.createStatement().executeQuery("SELECT id FROM user_account WHERE username = '" + Fixtures.username(0) + "'");
			rs.next();
			templateUser = rs.getString(1);
		}
		out.println("Filling " + node.db().url() + " with " + spec + " …");
		Filler.Result result = new Filler(node.db().url(), spec, Instant.now(), 20261204L,
				() -> ProcStat.pidOf("mariadbd").flatMap(ProcStat::cpuNanos).orElse(-1L)).fill(templateUser,
				node.ours().fixtures().smsApp().clientId(), Fixtures.PASSWORD, out);
		out.printf(Locale.ROOT, "Fill took %.1f s%n", result.took().toMillis() / 1000.0);
		out.println("| table | rows (InnoDB estimate) | data MiB | indexes MiB |");
		out.println("|---|--:|--:|--:|");
		Filler.tableSizes(node.db().url()).forEach(out::println);
		return result;
	}

	/**
	 * The server reads what the fill wrote: a live filler token introspects as active through the real
	 * store (indexed hash, the framework's JSON), a filler user signs in with the shared password.
	 */
	private static void check(Node node, Filler.Result fill, PrintStream out) {
		Http http = new Http(node.server().base());
		Management.App service = node.ours().fixtures().clientCredentialsApp();
		for (String token : Arrays.asList(fill.liveServiceToken(), fill.liveUserAccessToken())) {
			if (token == null) {
				continue;
			}
			Response answer = http.postForm("/oauth2/introspect", Map.of("token", token), "Authorization",
					Http.basic(service.clientId(), service.clientSecret())).expect(200, "introspect a filler token");
			if (!answer.body().contains("\"active\":true")) {
				throw new BenchException("a live filler token is not active: " + answer.body());
			}
		}
		new PasswordSignIn(Endpoints.OURS, new SmsAuthLogin(), Fixtures.REDIRECT_URI, OurProvider.SIGN_IN_SCOPE).run(http,
				node.ours().fixtures().passwordApp(), fill.sampleUsername(), Fixtures.PASSWORD);
		out.println("Checked: live filler tokens introspect as active; filler user " + fill.sampleUsername() + " signs in");
	}

	private static void printComparison(PrintStream out, List<String> scenarios, List<ScenarioResult> empty,
			List<ScenarioResult> filled) {
		out.println();
		out.println("| scenario | empty: srv CPU ms/op (reps) | filled: srv CPU ms/op (reps) | filled / empty (medians) | "
				+ "MariaDB ms/op empty | MariaDB ms/op filled | p99 ms empty | p99 ms filled |");
		out.println("|---|--:|--:|--:|--:|--:|--:|--:|");
		for (String name : scenarios) {
			List<ScenarioResult> e = empty.stream().filter(r -> r.scenario().equals(name)).toList();
			List<ScenarioResult> f = filled.stream().filter(r -> r.scenario().equals(name)).toList();
			double me = median(e.stream().mapToDouble(ScenarioResult::serverCpuMsPerOp).toArray());
			double mf = median(f.stream().mapToDouble(ScenarioResult::serverCpuMsPerOp).toArray());
			out.printf(Locale.ROOT, "| %s | %.3f (%s) | %.3f (%s) | %.2f | %.3f | %.3f | %.1f | %.1f |%n", name, me, list(e), mf,
					list(f), mf / me, median(e.stream().mapToDouble(ScenarioResult::dbCpuMsPerOp).toArray()),
					median(f.stream().mapToDouble(ScenarioResult::dbCpuMsPerOp).toArray()),
					median(e.stream().mapToDouble(ScenarioResult::p99Ms).toArray()),
					median(f.stream().mapToDouble(ScenarioResult::p99Ms).toArray()));
		}
	}

	private static String list(List<ScenarioResult> results) {
		return String.join(", ", results.stream().map(r -> String.format(Locale.ROOT, "%.3f", r.serverCpuMsPerOp())).toList());
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	/**
	 * Sign-ins on the filled node without and then during the clean-up. A third node on the same
	 * database runs the real job (auth.cleanup.interval=1s; its first run delayed past the first
	 * window by auth.cleanup.initial-delay), as another node of the cluster would. What it deleted is
	 * counted as the grants dead when the window opened that are gone when it closes (the sign-ins'
	 * own grants are alive, so they do not blur it).
	 */
	private static boolean cleanupUnderLoad(Node f, CleanupVariant variant, Options options, Duration window, Floor floor,
			java.util.function.LongSupplier dbCpu, List<String> rows, PrintStream out) throws Exception {
		Duration warmup = Duration.ofSeconds(10);
		// The first run starts after the baseline window (its scheduler starts about when it is ready).
		long initialDelay = warmup.toSeconds() + window.toSeconds() + 15;
		List<String> args = new ArrayList<>(List.of("--auth.cleanup.interval=1s", "--auth.cleanup.initial-delay=" + initialDelay + "s"));
		args.addAll(variant.args());
		Path jar = variant.jar() != null ? variant.jar() : options.jar();
		out.println("Clean-up node " + variant.label() + ": " + jar + " " + variant.args());
		Node cleaner = start(variant.label(), jar, options, args, f.db(), f.secrets(), out);
		try {
			Instant firstRun = Instant.now().plusSeconds(initialDelay); // roughly; the log says when
			LoadGenerator generator = new LoadGenerator(options.threads(), warmup, window);
			long before = count(f.db().url());
			out.print("[" + variant.label() + ": without clean-up] ");
			ScenarioResult quiet = Bench.run(generator, Bench.scenario("password_sign_in", f.ours()), f.measured(), dbCpu, floor,
					options, out, new ArrayList<>());
			long wait = Duration.between(Instant.now(), firstRun).toMillis();
			if (wait > 0) {
				Thread.sleep(wait);
			}
			long atStart = count(f.db().url());
			Instant windowOpened = Instant.now();
			long deadAtStart = countDead(f.db().url(), windowOpened);
			long oldChallengesAtStart = countOldChallenges(f.db().url(), windowOpened);
			out.print("[" + variant.label() + ": during clean-up] ");
			long measuredFrom = System.nanoTime();
			ScenarioResult busy = Bench.run(generator, Bench.scenario("password_sign_in", f.ours()), f.measured(), dbCpu, floor,
					options, out, new ArrayList<>());
			double seconds = (System.nanoTime() - measuredFrom) / 1e9;
			long deadAtEnd = countDead(f.db().url(), windowOpened);
			long challengesDeleted = oldChallengesAtStart - countOldChallenges(f.db().url(), windowOpened);
			long atEnd = count(f.db().url());
			out.printf(Locale.ROOT,
					"Clean-up under load (%s): sign-in p99 %.1f ms without, %.1f ms during (%.2fx); p50 %.1f / %.1f ms; "
							+ "grants %,d before, %,d when the window opened, %,d after it; dead grants %,d -> %,d in %.0f s "
							+ "(warm-up and window): %.0f rows/s; SMS challenges past retention %,d deleted%n",
					variant.label(), quiet.p99Ms(), busy.p99Ms(), busy.p99Ms() / quiet.p99Ms(), quiet.p50Ms(), busy.p50Ms(), before,
					atStart, atEnd, deadAtStart, deadAtEnd, seconds, (deadAtStart - deadAtEnd) / seconds, challengesDeleted);
			rows.add(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %.1f / %.1f | %,d | %.0f | %,d |", variant.label(),
					quiet.p99Ms(), busy.p99Ms(), busy.p99Ms() / quiet.p99Ms(), quiet.p50Ms(), busy.p50Ms(),
					deadAtStart - deadAtEnd, (deadAtStart - deadAtEnd) / seconds, challengesDeleted));
			out.println("Clean-up node's log: " + cleaner.server().log());
			for (String line : Files.readAllLines(cleaner.server().log())) {
				if (line.contains("Clean-up")) {
					out.println("  " + line.substring(Math.max(0, line.indexOf("Clean-up"))));
				}
			}
			return quiet.errors() == 0 && busy.errors() == 0;
		}
		finally {
			cleaner.server().close();
		}
	}

	/** SMS challenges past the default retention (a day) at {@code at}, through the clean-up's index. */
	private static long countOldChallenges(String url, Instant at) throws SQLException {
		try (Connection c = DriverManager.getConnection(url, "root", "");
				var statement = c.prepareStatement("SELECT COUNT(*) FROM sms_challenge WHERE created_at < ?")) {
			statement.setTimestamp(1, java.sql.Timestamp.from(at.minus(Duration.ofDays(1))));
			try (var rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	/** Grants whose purge time had passed at {@code at}: the clean-up's work, through its own index. */
	private static long countDead(String url, Instant at) throws SQLException {
		try (Connection c = DriverManager.getConnection(url, "root", "");
				var statement = c.prepareStatement("SELECT COUNT(*) FROM oauth2_authorization WHERE purge_after < ?")) {
			statement.setTimestamp(1, java.sql.Timestamp.from(at));
			try (var rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	private static long count(String url) throws SQLException {
		try (Connection c = DriverManager.getConnection(url, "root", "");
				var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM oauth2_authorization")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	static void ignore(IOException ex) {
	}

}
