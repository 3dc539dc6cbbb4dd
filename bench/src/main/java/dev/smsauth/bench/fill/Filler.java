package dev.smsauth.bench.fill;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Fills a database that the server's Flyway has made and that already holds one real sign-in grant
 * and one client_credentials grant (the templates): users, grants, SMS challenges with their message
 * records and audit events, rate-limit hits. Deterministic for a seed. Times are spread over the
 * last 30 days, the expired share older than any token and than the clean-up's retentions.
 *
 * <p>Every filler user has the same password hash, one Argon2id hash of {@code password} made here
 * with the server's parameters (so a filler user can sign in, and a million hashes need not be
 * computed): realistic in size and cost per check, not in variety.
 *
 * <p>Each table is written by {@code loaders} connections at once ({@link FillSpec}, 4 by default), each a contiguous range of rows
 * (and of the spaced primary keys, so every loader still appends): one connection kept a single
 * core busy between the generator and MariaDB in turn, and MariaDB's log writes waited on it. The
 * rows of a range come from a random stream of their own, so a fill is still the same for a seed.
 */
public final class Filler {

	static final int BATCH = 500;


	/** Rows per table the fill wrote, and how long each took. */
	public record Table(String name, long rows, Duration took) {
	}

	/** What the fill made, for the run's check that the server can read it. */
	public record Result(List<Table> tables, Duration took, String sampleUsername, String liveServiceToken,
			String liveUserAccessToken) {
	}

	private final String url;

	private final FillSpec spec;

	private final Instant now;

	private final long seed;

	/** MariaDB's process CPU (ns, -1 unknown): with this process's own, where a table's time goes. */
	private final LongSupplier databaseCpuNanos;

	public Filler(String jdbcUrl, FillSpec spec, Instant now, long seed, LongSupplier databaseCpuNanos) {
		this.url = jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "rewriteBatchedStatements=true";
		this.spec = spec;
		this.now = now;
		this.seed = seed;
		this.databaseCpuNanos = databaseCpuNanos;
	}

	/**
	 * @param templateUserId the person of the sign-in grant to copy (and the SMS application's user)
	 * @param smsClientId the application the filler sign-ins, codes and messages belong to
	 */
	public Result fill(String templateUserId, String smsClientId, String password, PrintStream out) throws SQLException {
		long started = System.nanoTime();
		List<Table> tables = new ArrayList<>();
		GrantTemplate userGrant;
		GrantTemplate serviceGrant;
		try (Connection c = loader()) {
			userGrant = GrantTemplate.read(c, "authorization_code", templateUserId);
			serviceGrant = GrantTemplate.read(c, "client_credentials", null);
			c.commit();
		}
		String hash = "{argon2}" + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(password);
		String[] userIds = new String[(int) spec.users()];
		tables.add(timed("user_account", out, () -> inRanges(spec.users(), (c, range, from, to) -> users(c, range, from, to,
				hash, userIds))));
		tables.add(timed("sms_challenge + sms_message + audit_event", out, () -> inRanges(spec.challenges(),
				(c, range, from, to) -> challenges(c, range, from, to, userIds, smsClientId))));
		tables.add(timed("rate_limit_hit", out, () -> inRanges(spec.hits() / 5, (c, range, from, to) -> hits(c, range, from,
				to, userIds))));
		// Grants last: the live tokens the run checks afterwards must still live then.
		AtomicReferenceArray<String> live = new AtomicReferenceArray<>(2);
		tables.add(timed("oauth2_authorization", out, () -> inRanges(spec.grants(), (c, range, from, to) -> grants(c, range,
				from, to, userIds, userGrant, serviceGrant, live))));
		return new Result(tables, Duration.ofNanos(System.nanoTime() - started), People.username(0), live.get(0), live.get(1));
	}

	/** Writes rows {@code [from, to)} of a table on its own connection; returns the rows written. */
	private interface Range {

		long fill(Connection connection, int range, long from, long to) throws SQLException;

	}

	/**
	 * Rows {@code [0, count)} split into {@code loaders} contiguous ranges, written at once, each on
	 * its own connection; fewer loaders for a table of fewer than a few batches.
	 */
	private long inRanges(long count, Range range) throws SQLException {
		int loaders = (int) Math.max(1, Math.min(spec.loaders(), count / (10L * BATCH)));
		ExecutorService pool = Executors.newFixedThreadPool(loaders);
		try {
			List<Future<Long>> parts = new ArrayList<>();
			for (int r = 0; r < loaders; r++) {
				int n = r;
				long from = count * r / loaders;
				long to = count * (r + 1) / loaders;
				parts.add(pool.submit(() -> {
					try (Connection c = loader()) {
						return range.fill(c, n, from, to);
					}
				}));
			}
			long rows = 0;
			for (Future<Long> part : parts) {
				rows += part.get();
			}
			return rows;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof SQLException sql) {
				throw sql;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("fill interrupted", ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private Connection loader() throws SQLException {
		Connection c = DriverManager.getConnection(url, "root", "");
		c.setAutoCommit(false);
		return c;
	}

	/** The random stream of one range of one table: the same for a seed, whatever the timing. */
	private SplittableRandom random(int table, int range) {
		return new SplittableRandom(seed + table + 1_000L * range);
	}

	private interface Step {

		long run() throws SQLException;

	}

	/**
	 * Runs one table's fill and prints its rate, and the CPU per thousand rows of the generator (this
	 * process: the bench does nothing else meanwhile) and of MariaDB (its whole process: on a shared
	 * machine other databases' work is in it too). Unlike rows per second these do not fall when
	 * others take the cores, and they say which side a faster fill has to work on.
	 */
	private Table timed(String table, PrintStream out, Step step) throws SQLException {
		long started = System.nanoTime();
		long ownCpu = ownCpuNanos();
		long dbCpu = databaseCpuNanos.getAsLong();
		long rows = step.run();
		Table t = new Table(table, rows, Duration.ofNanos(System.nanoTime() - started));
		double perThousand = 1_000.0 / Math.max(1, rows) / 1_000_000.0;
		long dbCpuAfter = databaseCpuNanos.getAsLong();
		out.printf(Locale.ROOT, "  filled %-42s %,12d rows in %6.1f s (%,.0f rows/s); CPU ms per 1,000 rows: generator %.0f, "
				+ "MariaDB %s%n", table, rows, t.took().toMillis() / 1000.0, rows / Math.max(0.001, t.took().toMillis() / 1000.0),
				(ownCpuNanos() - ownCpu) * perThousand,
				dbCpu < 0 || dbCpuAfter < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f", (dbCpuAfter - dbCpu) * perThousand));
		return t;
	}

	private static long ownCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	private long users(Connection c, int range, long from, long to, String hash, String[] ids) throws SQLException {
		SpacedIds spaced = new SpacedIds(spec.users(), seed + 1_000L * range);
		SplittableRandom random = random(1, range);
		try (BatchInsert insert = new BatchInsert(c, "user_account", List.of("id", "username", "email", "phone_number",
				"display_name", "password_hash", "enabled", "created_at", "updated_at", "admin", "phone_number_verified"), BATCH)) {
			for (int n = (int) from; n < to; n++) {
				ids[n] = spaced.id(n);
				Instant created = now.minus(Duration.ofMinutes(random.nextLong(60L * 24 * 365)));
				boolean hasEmail = random.nextInt(10) < 7; // most, not all, give an email
				insert.add(ids[n], People.username(n), hasEmail ? People.email(n) : null, People.phone(n),
						People.displayName(n), hash, true, created, created, false, true);
			}
			return insert.rows();
		}
	}

	private long grants(Connection c, int range, long from, long to, String[] users, GrantTemplate userGrant,
			GrantTemplate serviceGrant, AtomicReferenceArray<String> live) throws SQLException {
		SpacedIds spaced = new SpacedIds(spec.grants(), seed + 2 + 1_000L * range);
		SplittableRandom random = random(3, range);
		try (BatchInsert insert = new BatchInsert(c, "oauth2_authorization", GrantTemplate.COLUMNS, BATCH)) {
			for (long i = from; i < to; i++) {
				boolean service = random.nextDouble() < spec.serviceShare();
				boolean expired = random.nextDouble() < spec.expiredShare();
				GrantTemplate template = service ? serviceGrant : userGrant;
				Instant issued = issued(template.lifetime(), expired, random);
				Object[] row = template.copy(spaced.id(i), users[random.nextInt(users.length)], issued, random);
				insert.add(row);
				if (!expired) { // the newest live one of each kind, whichever loader wrote it
					live.set(service ? 0 : 1, (String) row[GrantTemplate.COLUMNS.indexOf("access_token_value")]);
				}
			}
			return insert.rows();
		}
	}

	/**
	 * Expired: issued longer ago than the grant's longest token lives, up to 30 days. Live: issued
	 * in the last minutes before it is written (the clock, not the fill's start: a fill takes
	 * minutes), so its access token still lives when the run introspects it.
	 */
	private Instant issued(Duration lifetime, boolean expired, SplittableRandom random) {
		long lifeSeconds = Math.max(60, lifetime.toSeconds());
		if (expired) {
			return now.minusSeconds(lifeSeconds + 60 + random.nextLong(Duration.ofDays(30).toSeconds()));
		}
		return Instant.now().minusSeconds(random.nextLong(Math.max(1, Math.min(lifeSeconds, 300) / 2)));
	}

	private long challenges(Connection c, int range, long from, long to, String[] users, String clientId)
			throws SQLException {
		SpacedIds challengeIds = new SpacedIds(spec.challenges(), seed + 4 + 1_000L * range);
		SpacedIds messageIds = new SpacedIds(spec.messages(), seed + 5 + 1_000L * range);
		SplittableRandom random = random(6, range);
		long rows = 0;
		try (BatchInsert challenges = new BatchInsert(c, "sms_challenge", List.of("id", "user_id", "phone_number", "purpose",
				"code_hash", "status", "failed_attempts", "created_at", "expires_at"), BATCH);
				BatchInsert messages = new BatchInsert(c, "sms_message", List.of("id", "purpose", "user_id", "client_id",
						"challenge_id", "provider", "provider_message_id", "calling_code", "to_masked", "parts", "price",
						"currency", "status", "error_code", "verified", "created_at", "status_at"), BATCH);
				BatchInsert audit = new BatchInsert(c, "audit_event", List.of("occurred_at", "event", "actor_type",
						"actor_id", "user_id", "client_id", "ip", "details"), BATCH)) {
			for (long i = from; i < to; i++) {
				int n = random.nextInt(users.length);
				String user = users[n];
				// Old: past the 1-day retention, up to 30 days. Young: within the last 23 hours.
				Instant created = random.nextDouble() < spec.expiredShare()
						? now.minusSeconds(Duration.ofDays(1).toSeconds() + 60 + random.nextLong(Duration.ofDays(29).toSeconds()))
						: now.minusSeconds(random.nextLong(Duration.ofHours(23).toSeconds()));
				int roll = random.nextInt(100);
				String status = roll < 85 ? "VERIFIED" : roll < 95 ? "SUPERSEDED" : "EXHAUSTED";
				String id = challengeIds.id(i);
				challenges.add(id, user, People.phone(n), "SIGN_IN", hex64(random), status, status.equals("EXHAUSTED") ? 5 : 0,
						created, created.plusSeconds(300));
				messages.add(messageIds.id(i), "code", user, clientId, id, "outbox", "fill-" + i, People.callingCode(n),
						People.masked(n), 1, java.math.BigDecimal.ZERO, null, "delivered", null, status.equals("VERIFIED"),
						created, created);
				String ip = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
				audit.add(created, "SMS_SENT", "USER", user, user, clientId, ip, People.masked(n) + " via outbox");
				audit.add(created.plusSeconds(20), status.equals("VERIFIED") ? "SMS_VERIFIED" : "SMS_CODE_WRONG", "USER",
						user, user, clientId, ip, People.masked(n));
			}
			rows = challenges.rows() + messages.rows() + audit.rows();
		}
		return rows;
	}

	/**
	 * Rate-limit hits as a code send reserves them (account, number, calling code, IP, global): the
	 * expired share older than the longest window (a day), the rest within the last hour.
	 */
	private long hits(Connection c, int range, long from, long to, String[] users) throws SQLException {
		SplittableRandom random = random(7, range);
		SpacedIds ids = new SpacedIds(spec.hits() / 5 + 1, seed + 8 + 1_000L * range);
		try (BatchInsert insert = new BatchInsert(c, "rate_limit_hit", List.of("id", "bucket", "hit_at"), BATCH)) {
			for (long i = from; i < to; i++) {
				int n = random.nextInt(users.length);
				Instant at = random.nextDouble() < spec.expiredShare()
						? now.minusSeconds(Duration.ofDays(1).toSeconds() + 60 + random.nextLong(Duration.ofDays(6).toSeconds()))
						: now.minusSeconds(random.nextLong(3600));
				String id = ids.id(i);
				for (String bucket : List.of("sms:account:" + users[n], "sms:number:" + People.phone(n),
						"sms:cc:" + People.callingCode(n), "sms:ip:10." + (n % 256) + "." + ((n / 256) % 256) + ".1", "sms:global")) {
					insert.add(id, bucket, at);
				}
			}
			return insert.rows();
		}
	}

	private static String hex64(SplittableRandom random) {
		return String.format(Locale.ROOT, "%016x%016x%016x%016x", random.nextLong(), random.nextLong(), random.nextLong(),
				random.nextLong());
	}

	/** Rows and bytes (data + indexes) per table, as InnoDB estimates them after ANALYZE. */
	public static List<String> tableSizes(String jdbcUrl) throws SQLException {
		List<String> lines = new ArrayList<>();
		try (Connection c = DriverManager.getConnection(jdbcUrl, "root", ""); Statement s = c.createStatement()) {
			for (String table : List.of("user_account", "oauth2_authorization", "sms_challenge", "sms_message", "audit_event",
					"rate_limit_hit")) {
				s.execute("ANALYZE TABLE " + table);
			}
			try (var rs = s.executeQuery("SELECT table_name, table_rows, data_length, index_length FROM information_schema.tables "
					+ "WHERE table_schema = DATABASE() AND data_length + index_length > 1048576 ORDER BY data_length + index_length DESC")) {
				while (rs.next()) {
					lines.add(String.format(Locale.ROOT, "| %s | ~%,d | %,.0f | %,.0f |", rs.getString(1), rs.getLong(2),
							rs.getLong(3) / 1048576.0, rs.getLong(4) / 1048576.0));
				}
			}
		}
		return lines;
	}

}
