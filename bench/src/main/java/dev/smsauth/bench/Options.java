package dev.smsauth.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of the benchmark.
 *
 * @param jar the packaged auth-server jar
 * @param profile {@code default} (embedded H2) or {@code mysql} (a fresh database in the local MariaDB)
 * @param duration the measured window of each scenario
 * @param warmup the unmeasured run before it (JIT, connection pools, caches)
 * @param threads closed-loop workers: each sends its next request when the previous one answered
 * @param scenarios which scenarios, in this order
 * @param smoke a short run for CI: short windows, fewer threads, quick floor
 * @param json where to write the results as JSON, or null
 * @param jfrDir where to write one JFR recording of the server per scenario, or null
 * @param floorFrom a JMH JSON result file to take the floor column from, or null (then measured here)
 * @param serverJvmArgs extra JVM options for the server process (e.g. -Xmx512m)
 * @param mariaDbUrl the MariaDB server for --profile mysql
 * @param isolate a fresh server (and database) for each scenario
 * @param external the provider to measure instead of starting ours (--issuer ...), or null
 */
public record Options(Path jar, String profile, Duration duration, Duration warmup, int threads, List<String> scenarios,
		boolean smoke, Path json, Path jfrDir, Path floorFrom, List<String> serverJvmArgs, String mariaDbUrl,
		boolean isolate, External external, double warmUntilJitPercent, Duration warmupMax) {

	/** The warm-up of each scenario: {@code --warmup}, then, with {@code --warm-until-jit}, until the JIT is quiet. */
	public WarmUp warmUp() {
		return new WarmUp(warmup, warmUntilJitPercent, warmUntilJitPercent > 0 ? warmupMax : warmup);
	}

	/**
	 * In this order on purpose: every client_credentials token is stored as a row of
	 * oauth2_authorization, and token lookups (refresh, code exchange, userinfo, introspection)
	 * scan that table, so the scenarios that look tokens up run before the one that adds thousands.
	 */
	public static final List<String> ALL_SCENARIOS = List.of("sms_sign_in", "password_sign_in", "refresh_token", "userinfo", "introspection",
			"client_credentials", "client_credentials_half_rate", "client_credentials_reference", "client_credentials_es256", "jwks", "discovery");

	static final String USAGE = """
			Usage: java -jar bench/target/bench.jar [options]
			  --jar <file>            auth-server jar (default: auth-server/target/auth-server-*.jar)
			  --profile default|mysql embedded H2 on a temp dir (default), or a fresh MariaDB database
			  --duration <seconds>    measured window per scenario (default 20)
			  --warmup <seconds>      warm-up per scenario (default 10)
			  --warm-until-jit <pct>  then warm up on, in 10 s slices, until the JIT compilers take at most
			                          <pct> %% of the server's CPU in three slices in a row (default 0: off)
			  --warmup-max <seconds>  the longest warm-up with --warm-until-jit (default 300)
			  --threads <n>           closed-loop workers (default 4)
			  --scenarios a,b,...     any of %s (default all;
			                          client_credentials_half_rate paces client_credentials at half the rate
			                          the closed-loop client_credentials run reached, for its p99)
			  --smoke                 CI run: 2 s windows, 1 s warm-up, 2 threads, quick floor
			  --json <file>           also write the results as JSON
			  --jfr <dir>             record the server with JFR during each scenario (<dir>/<scenario>.jfr)
			  --floor-from <file>     take the crypto floor from a JMH JSON result (-rf json) instead of measuring
			  --server-jvm-arg <opt>  extra JVM option for the server (repeatable), e.g. --server-jvm-arg -Xmx512m
			  --isolate               a fresh server (and database) for each scenario, so none sees another's rows
			  --mariadb <jdbc-url>    MariaDB server for --profile mysql (default jdbc:mysql://127.0.0.1:3306/, root, no password)
			Scale (with --profile mysql; see docs/performance.md "At a million users")
			  --fill users=N,grants=N,challenges=N[,hits=N,expired=0.9,service=0.5,loaders=4]
			                          an empty and a filled database side by side, scenarios alternated
			                          (default password_sign_in,sms_sign_in,refresh_token,userinfo,introspection),
			                          then sign-ins during the clean-up job, then EXPLAIN of the hot queries
			  --reps <n>              repetitions of the alternation (default 2)
			  --cleanup-window <s>    measured window without and during the clean-up (default 60; 0 skips)
			  --cleanup-variant '<label>=<jar> [--server.option=value ...]'
			                          a clean-up node to measure (repeatable, in order; jar may be left out
			                          for --jar's), each with its own windows without and during, on the
			                          same filled database; e.g. two versions' clean-ups side by side
			  --reps 0                no empty vs filled comparison (fill, clean-up windows, EXPLAIN only)
			  --keep-databases        keep both databases (then: bash bench/run.sh explain <jdbc-url>)
			External target: any OpenID provider already running (bench/keycloak.sh sets one up)
			  --issuer <url>          its issuer; endpoints from <issuer>/.well-known/openid-configuration
			  --server-pid <pid>      its process: server CPU from /proc/<pid>/stat, every thread
			  --client-id <id> --client-secret <secret>  a confidential client_credentials client
			  --client-scope <scope>  the scope a client_credentials request asks for (default none)
			  --code-client-id <id> --code-client-secret <secret> --redirect-uri <uri>
			                          a confidential authorization-code client (refresh tokens on)
			  --username <u> --password <p>  a user with a password and no required actions
			  --login keycloak|smsauth how to get through its login page (default keycloak)
			  --password-hash keycloak-argon2id|argon2id|pbkdf2-sha512  the hash its sign-in checks
			                          (default by --login: keycloak-argon2id for keycloak, argon2id for smsauth;
			                          pbkdf2-sha512 for Keycloak realms from before version 24)
			  --scope <scope>         scope of the authorization request (default "openid profile")
			  --label <name>          the provider's name in the report
			  scenarios there: %s (default all of them)
			""".formatted(String.join(",", ALL_SCENARIOS), String.join(",", External.SCENARIOS));

	public static Options parse(String... args) {
		Path jar = null;
		String profile = "default";
		Duration duration = null;
		Duration warmup = null;
		Integer threads = null;
		List<String> scenarios = ALL_SCENARIOS;
		boolean smoke = false;
		Path json = null;
		Path jfr = null;
		Path floorFrom = null;
		List<String> jvmArgs = new ArrayList<>();
		String mariaDb = "jdbc:mysql://127.0.0.1:3306/";
		boolean isolate = false;
		double warmUntilJit = 0;
		Duration warmupMax = Duration.ofSeconds(300);
		ExternalArgs ext = new ExternalArgs();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (ext.accepts(arg)) {
				ext.put(arg, value(args, ++i, arg));
				continue;
			}
			switch (arg) {
				case "--jar" -> jar = Path.of(value(args, ++i, arg));
				case "--profile" -> profile = value(args, ++i, arg);
				case "--duration" -> duration = seconds(value(args, ++i, arg));
				case "--warmup" -> warmup = seconds(value(args, ++i, arg));
				case "--threads" -> threads = Integer.parseInt(value(args, ++i, arg));
				case "--scenarios" -> scenarios = Arrays.stream(value(args, ++i, arg).split(",")).map(String::strip).toList();
				case "--smoke" -> smoke = true;
				case "--json" -> json = Path.of(value(args, ++i, arg));
				case "--jfr" -> jfr = Path.of(value(args, ++i, arg));
				case "--floor-from" -> floorFrom = Path.of(value(args, ++i, arg));
				case "--server-jvm-arg" -> jvmArgs.add(value(args, ++i, arg));
				case "--mariadb" -> mariaDb = value(args, ++i, arg);
				case "--isolate" -> isolate = true;
				case "--warm-until-jit" -> warmUntilJit = Double.parseDouble(value(args, ++i, arg));
				case "--warmup-max" -> warmupMax = seconds(value(args, ++i, arg));
				case "--help", "-h" -> throw new UsageException("");
				default -> throw new UsageException("Unknown option " + arg);
			}
		}
		if (!profile.equals("default") && !profile.equals("mysql")) {
			throw new UsageException("--profile must be default or mysql");
		}
		External external = ext.build(scenarios == ALL_SCENARIOS ? External.SCENARIOS : scenarios);
		if (external != null && scenarios == ALL_SCENARIOS) {
			scenarios = External.SCENARIOS;
		}
		List<String> allowed = external == null ? ALL_SCENARIOS : External.SCENARIOS;
		for (String scenario : scenarios) {
			if (!allowed.contains(scenario)) {
				throw new UsageException("Unknown scenario " + scenario + (external == null ? "" : " for an external target"));
			}
		}
		// Explicit values win over --smoke's short defaults, so CI can still tune one of them.
		duration = duration != null ? duration : smoke ? Duration.ofSeconds(2) : Duration.ofSeconds(20);
		warmup = warmup != null ? warmup : smoke ? Duration.ofSeconds(1) : Duration.ofSeconds(10);
		threads = threads != null ? threads : smoke ? 2 : 4;
		if (threads < 1) {
			throw new UsageException("--threads must be at least 1");
		}
		// An external target has no jar to start; ours needs one.
		Path serverJar = external != null ? null : jar != null ? jar : defaultJar();
		return new Options(serverJar, profile, duration, warmup, threads, scenarios, smoke, json, jfr, floorFrom,
				List.copyOf(jvmArgs), mariaDb, isolate, external, warmUntilJit, warmupMax);
	}

	/** auth-server/target/auth-server-*.jar seen from the repository root or from bench/. */
	private static Path defaultJar() {
		for (Path dir : List.of(Path.of("auth-server/target"), Path.of("../auth-server/target"))) {
			try (var files = java.nio.file.Files.list(dir)) {
				var found = files.filter(p -> p.getFileName().toString().matches("auth-server-.*\\.jar")).findFirst();
				if (found.isPresent()) {
					return found.get();
				}
			}
			catch (java.io.IOException ex) {
				// not here; try the next place
			}
		}
		throw new UsageException("No auth-server/target/auth-server-*.jar: build it (./mvnw -q -DskipTests package) or pass --jar");
	}

	private static String value(String[] args, int i, String option) {
		if (i >= args.length) {
			throw new UsageException(option + " needs a value");
		}
		return args[i];
	}

	private static Duration seconds(String value) {
		return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
	}

	/** A bad command line: printed with the usage, exit code 2. */
	public static final class UsageException extends RuntimeException {

		UsageException(String message) {
			super(message);
		}

	}

}
