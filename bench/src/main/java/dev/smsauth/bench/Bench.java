package dev.smsauth.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The benchmark program: measures the crypto floor, starts the packaged auth-server as its own
 * process, creates what the scenarios need through the management API, runs each scenario with
 * the closed-loop generator and prints one table.
 */
public final class Bench {

	/** Command-line properties that lift every limit a benchmark from one IP would run into. */
	static final List<String> LIMITS_LIFTED = List.of(
			// Sign-in throttling counts failures only, but one IP signs in thousands of times here.
			"--auth.signin.max-failures-per-ip=1000000", "--auth.signin.max-failures-per-account-and-ip=1000000",
			"--auth.signin.delay-after-failures=1000000", "--auth.signin.max-failures-per-account-per-hour=1000000",
			// Every worker's user asks for a code per sign-in, seconds apart, all from 127.0.0.1.
			"--auth.sms.resend-cooldown=0s", "--auth.sms.max-sends-per-hour=1000000", "--auth.sms.max-failures-per-hour=1000000",
			"--auth.sms.abuse.max-per-number-per-hour=1000000", "--auth.sms.abuse.max-per-ip-per-hour=1000000",
			"--auth.sms.abuse.max-per-calling-code-per-hour=1000000", "--auth.sms.abuse.max-global-per-hour=1000000");

	static final String MANAGEMENT_CLIENT_ID = "management-cli";

	private Bench() {
	}

	/** What a run produced. */
	public record Outcome(ServerFacts server, Floor floor, List<ScenarioResult> results) {

		public long totalErrors() {
			return results.stream().mapToLong(ScenarioResult::errors).sum();
		}

	}

	public static void main(String[] args) throws Exception {
		Options options;
		ScaleRun.Settings scale;
		try {
			scale = ScaleRun.Settings.take(args);
			options = Options.parse(scale.rest());
		}
		catch (Options.UsageException ex) {
			if (!ex.getMessage().isEmpty()) {
				System.err.println(ex.getMessage());
			}
			System.err.print(Options.USAGE);
			System.exit(ex.getMessage().isEmpty() ? 0 : 2);
			return;
		}
		if (scale.spec() != null) {
			System.exit(ScaleRun.run(options, scale, System.out) ? 0 : 1);
			return;
		}
		Outcome outcome = run(options, System.out);
		System.exit(outcome.totalErrors() == 0 ? 0 : 1);
	}

	public static Outcome run(Options options, PrintStream out) throws Exception {
		Floor floor = options.floorFrom() != null ? CryptoFloor.fromJmh(options.floorFrom()) : CryptoFloor.measure(options.smoke());
		Report.printFloor(out, floor);
		Optional<ConcurrentHashFloor> concurrentHash = options.floorFrom() != null
				? ConcurrentHashFloor.fromJmh(options.floorFrom()) : Optional.empty();
		concurrentHash.ifPresent(c -> Report.printConcurrentHashFloor(out, c));
		out.printf("%d threads, %s, %s measured per scenario%s%n", options.threads(), options.warmUp().describe(),
				options.duration(), options.isolate() ? ", a fresh server for each" : "");

		List<ScenarioResult> results = new ArrayList<>();
		ServerFacts facts = null;
		if (options.external() != null) {
			facts = runOnExternal(options, floor, out, results);
		}
		else {
			for (List<String> group : serverGroups(options)) {
				ServerFacts started = runOnFreshServer(group, options, floor, out, results);
				facts = facts == null ? started : facts; // the table reports the first start
			}
		}
		out.println();
		Report.printTable(out, results);
		Report.printBeyondPasswordHash(out, results);
		concurrentHash.ifPresent(c -> Report.printBeyondConcurrentHash(out, results, c));
		Report.printBeyondSignatures(out, results);
		Report.printInWindowFloors(out, results);
		Report.printThreadShares(out, results);
		if (options.profile().equals("mysql")) {
			out.println("MariaDB server CPU ms/op (not in the table's server column): " + results.stream()
				.map(r -> r.scenario() + " " + String.format(java.util.Locale.ROOT, "%.3f", r.dbCpuMsPerOp()))
				.toList());
		}
		if (options.json() != null) {
			Report.writeJson(options.json(), facts, floor, results);
			out.println("JSON: " + options.json());
		}
		return new Outcome(facts, floor, results);
	}

	/**
	 * One server for all scenarios, or with --isolate one per scenario, so that no scenario runs on
	 * rows another one left (client_credentials_half_rate stays with the client_credentials before it,
	 * whose rate it needs).
	 */
	static List<List<String>> serverGroups(Options options) {
		if (!options.isolate()) {
			return List.of(options.scenarios());
		}
		List<List<String>> groups = new ArrayList<>();
		for (String name : options.scenarios()) {
			List<String> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
			if (name.equals("client_credentials_half_rate") && last != null && last.equals(List.of("client_credentials"))) {
				groups.set(groups.size() - 1, List.of("client_credentials", name));
			}
			else {
				groups.add(List.of(name));
			}
		}
		return groups;
	}

	private static ServerFacts runOnFreshServer(List<String> scenarios, Options options, Floor jdkFloor, PrintStream out,
			List<ScenarioResult> results) throws Exception {
		Path workDir = Files.createTempDirectory("smsauth-bench-");
		FreshMariaDb database = options.profile().equals("mysql") ? FreshMariaDb.create(options.mariaDbUrl()) : null;
		int before = results.size();
		boolean clean = false;
		Secrets secrets = database == null ? Secrets.EMBEDDED : Secrets.fresh();
		try (ServerProcess server = ServerProcess.start(options.jar(), workDir, jvmArgs(options), appArgs(options, database),
				secrets.env())) {
			ServerFacts facts = settle(server, options);
			Report.printServer(out, facts);
			out.println("Server log: " + server.log());
			Floor floor = ServerSignatures.floorOf(server.log(), jdkFloor);
			out.println("Its signatures: " + floor.source());

			Http adminHttp = new Http(server.base());
			Management management = new Management(adminHttp, MANAGEMENT_CLIENT_ID, secrets.managementSecret());
			OurProvider ours = new OurProvider(new Fixtures(management), database == null);
			Measured measured = new Measured(server.base(), server.pid(), server::cpuNanos, management::crypto);
			LoadGenerator generator = new LoadGenerator(options.threads(), options.warmUp(), options.duration());
			Optional<Long> dbPid = database == null ? Optional.empty() : ProcStat.pidOf("mariadbd");
			java.util.function.LongSupplier dbCpu = () -> dbPid.flatMap(ProcStat::cpuNanos).orElse(-1L);
			for (String name : scenarios) {
				LoadGenerator paced = generator;
				if (name.equals("client_credentials_half_rate")) {
					// Half of what the closed loop reached on this server; measured first if it was not asked for.
					ScenarioResult saturated = results.subList(before, results.size())
						.stream()
						.filter(r -> r.scenario().equals("client_credentials"))
						.findFirst()
						.orElseGet(() -> run(generator, scenario("client_credentials", ours), measured, dbCpu, floor, options, out, results));
					paced = generator.paced(Math.max(1, saturated.opsPerSecond() / 2));
				}
				run(paced, scenario(name, ours), measured, dbCpu, floor, options, out, results);
			}
			clean = results.subList(before, results.size()).stream().allMatch(r -> r.errors() == 0);
			return facts;
		}
		finally {
			if (database != null) {
				database.close();
			}
			if (clean) {
				deleteTree(workDir);
			}
			else {
				out.println("Kept " + workDir + " (server log and data) for diagnosis");
			}
		}
	}

	/**
	 * An already running OpenID provider (--issuer): nothing to start or create, its CPU read from
	 * /proc/<pid>/stat like our server's. Its memory is read once, as found (it is not ours to GC).
	 */
	private static ServerFacts runOnExternal(Options options, Floor floor, PrintStream out, List<ScenarioResult> results) {
		External external = options.external();
		long pid = external.serverPid();
		if (ProcStat.cpuNanos(pid).isEmpty()) {
			throw new BenchException("no /proc/" + pid + "/stat: --server-pid must be the provider's running process");
		}
		ExternalProvider provider = ExternalProvider.discover(external);
		String command = ProcessHandle.of(pid).flatMap(p -> p.info().command()).orElse("unknown");
		ServerFacts facts = new ServerFacts("external: " + external.label(), external.issuer(), pid, Double.NaN,
				ProcStat.residentKb(pid), command);
		Report.printServer(out, facts);
		Measured measured = new Measured(external.origin(), pid, () -> ProcStat.cpuNanos(pid).orElse(-1L), () -> ServerCrypto.NONE);
		LoadGenerator generator = new LoadGenerator(options.threads(), options.warmUp(), options.duration());
		for (String name : options.scenarios()) {
			run(generator, scenario(name, provider), measured, () -> -1L, floor, options, out, results);
		}
		return facts;
	}

	/**
	 * The process whose CPU a scenario is measured against, where its requests go, and its own meter
	 * of password hashes and signatures ({@link ServerCrypto#NONE} for a provider without one).
	 */
	record Measured(String base, long pid, java.util.function.LongSupplier cpuNanos,
			java.util.function.Supplier<ServerCrypto> crypto) {
	}

	static ScenarioResult run(LoadGenerator generator, Scenario scenario, Measured server,
			java.util.function.LongSupplier dbCpu, Floor floor, Options options, PrintStream out, List<ScenarioResult> results) {
		try {
			ScenarioResult result = generator.run(scenario, server.base(), server.cpuNanos(), dbCpu,
					() -> ThreadGroups.cpuNanos(server.pid()), server.crypto(), floor, new JfrWindow(options.jfrDir(), server.pid(), scenario.name(), out));
			results.add(result);
			out.println(Report.row(result) + (result.firstError() == null ? "" : "  first error: " + result.firstError()));
			out.printf(java.util.Locale.ROOT, "    server CPU by thread: %s (after %.0f s of warm-up)%n", result.cpuByThread(), result.warmupSeconds());
			return result;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchException("interrupted", ex);
		}
	}

	/**
	 * The management client's secret and the environment of the server process. The embedded
	 * default brings its own public secrets; the mysql profile refuses those, so each run makes new
	 * ones and hands them over by environment (not visible in the process list).
	 */
	record Secrets(String managementSecret, Map<String, String> env) {

		static final Secrets EMBEDDED = new Secrets("management-secret", Map.of());

		static Secrets fresh() {
			String management = random(32);
			Map<String, String> env = new HashMap<>();
			env.put("MANAGEMENT_CLIENT_SECRET", management);
			env.put("AUTH_SMS_CODE_HMAC_KEY", random(48));
			env.put("AUTH_KEYS_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(bytes(32)));
			return new Secrets(management, Map.copyOf(env));
		}

	}

	static List<String> appArgs(Options options, FreshMariaDb database) {
		List<String> args = new ArrayList<>(LIMITS_LIFTED);
		if (database != null) {
			args.addAll(List.of("--spring.profiles.active=mysql", "--spring.datasource.url=" + database.url(),
					"--spring.datasource.username=root", "--spring.datasource.password=",
					// The dev outbox instead of Vonage: the benchmark reads the codes from it.
					"--auth.sms.provider=outbox", "--auth.sms.outbox.allow-in-production=true",
					// Plain http on loopback; production keeps Secure cookies.
					"--server.servlet.session.cookie.secure=false"));
		}
		return args;
	}

	static List<String> jvmArgs(Options options) {
		List<String> args = new ArrayList<>(options.serverJvmArgs());
		if (options.jfrDir() != null) {
			// Samples may then land between safepoints, where the hot code is.
			args.add("-XX:+UnlockDiagnosticVMOptions");
			args.add("-XX:+DebugNonSafepoints");
		}
		return args;
	}

	/** Start-to-ready, then the idle RSS after a full GC and a short pause. */
	static ServerFacts settle(ServerProcess server, Options options) throws InterruptedException {
		server.requestGc();
		Thread.sleep(options.smoke() ? 500 : 2000); // let the collector give memory back before reading VmRSS
		return new ServerFacts(options.profile(), options.jar().toString(), server.pid(), server.startToReady().toNanos() / 1e6,
				server.residentKb(), System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
	}

	/** Our server's scenarios: the protocol ones, and those that need its management API or SMS outbox. */
	static Scenario scenario(String name, OurProvider ours) {
		return switch (name) {
			case "client_credentials_half_rate" -> new HalfRateClientCredentialsScenario(ours);
			case "client_credentials_reference" -> ClientCredentialsScenario.referenceTokens(ours);
			case "client_credentials_es256" -> ClientCredentialsScenario.es256(ours);
			case "sms_sign_in" -> new SmsSignInScenario(ours.fixtures());
			case "jwks" -> PublicDocumentScenario.jwks();
			case "discovery" -> PublicDocumentScenario.discovery();
			default -> scenario(name, (Provider) ours);
		};
	}

	/** The scenarios any OpenID provider can run (External.SCENARIOS): the same classes for ours and theirs. */
	static Scenario scenario(String name, Provider provider) {
		return switch (name) {
			case "client_credentials" -> new ClientCredentialsScenario(provider);
			case "refresh_token" -> new RefreshScenario(provider);
			case "password_sign_in" -> new PasswordSignInScenario(provider);
			case "userinfo" -> new BearerScenario(provider, BearerScenario.Kind.USERINFO);
			case "introspection" -> new BearerScenario(provider, BearerScenario.Kind.INTROSPECTION);
			default -> throw new IllegalArgumentException(name);
		};
	}

	private static String random(int bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(bytes));
	}

	private static byte[] bytes(int count) {
		byte[] bytes = new byte[count];
		new SecureRandom().nextBytes(bytes);
		return bytes;
	}

	static void deleteTree(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException ex) {
			// a temp dir left behind is harmless
		}
	}

}
