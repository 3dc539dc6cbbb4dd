package dev.smsauth.limits;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.smsauth.limits.RateLimiter.Limit;
import dev.smsauth.support.MutableClock;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one reservation costs in statements (issue 15): its buckets locked by one statement, counted
 * by one grouped statement per distinct window, and its hits written by one INSERT, instead of a
 * lock, a count and an insert per bucket (a password step: 9 → 3, its two windows counted in one
 * statement; five exact hourly budgets: 15 → 3). Buckets seen for the first time (a sign-in from a
 * new address) get their lock rows from one INSERT, told by the lock itself which are missing. An SMS send counts its calling-code and global budgets in sub-windows: their rows are read
 * in the same statement as the exact counts, and its count is one UPDATE (one INSERT for a new
 * sub-window): 4, or 5 when one of the two sub-windows is new and the other not, however many sends
 * came before. The lock order and the limits themselves are proved by {@code RateLimiterContract}
 * and {@code SubWindowLimitContract}.
 */
class RateLimiterStatementsTests {

	private final List<String> statements = new ArrayList<>();

	/** Run once, on another connection, just before the limiter's next INSERT of lock rows. */
	private Runnable raceBeforeLockRowInsert;

	private RateLimiter limiter;

	private final MutableClock clock = new MutableClock();

	private JdbcClient jdbc;

	@BeforeEach
	void freshDatabase() {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Flyway.configure().dataSource(h2).locations("classpath:db/migration/h2").load().migrate();
		DataSource counting = new DelegatingDataSource(h2) {
			@Override
			public Connection getConnection() throws java.sql.SQLException {
				Connection connection = super.getConnection();
				return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
						(proxy, method, args) -> {
							if (method.getName().equals("prepareStatement")) {
								statements.add((String) args[0]);
								if (((String) args[0]).startsWith("INSERT INTO rate_limit_counter") && raceBeforeLockRowInsert != null) {
									Runnable race = raceBeforeLockRowInsert;
									raceBeforeLockRowInsert = null;
									race.run();
								}
							}
							try {
								return method.invoke(connection, args);
							}
							catch (java.lang.reflect.InvocationTargetException ex) {
								throw ex.getCause();
							}
						});
			}
		};
		jdbc = JdbcClient.create(h2);
		limiter = new RateLimiter(JdbcClient.create(counting), clock, new DataSourceTransactionManager(counting));
	}

	@Test
	void aPasswordStepsThreeLimitsInTwoWindowsTakeThreeStatements() {
		Limit[] limits = passwordStep("ip");
		limiter.reserve(limits); // the first creates the lock rows
		statements.clear();

		assertThat(limiter.reserve(limits).granted()).isTrue();

		assertThat(statements).as(statements.toString()).hasSize(3);
		assertThat(statements.get(0)).contains("FOR UPDATE");
		assertThat(statements.get(1)).as("both windows counted at once").contains("UNION ALL");
		assertThat(statements.get(2)).startsWith("INSERT INTO rate_limit_hit");
		assertThat(limiter.count("signin:acct:a", Duration.ofHours(1))).isEqualTo(2);
		assertThat(limiter.count("signin:ip:ip", Duration.ofMinutes(15))).isEqualTo(2);
	}

	@Test
	void aSignInFromANewAddressCreatesItsLockRowsInOneInsertWithoutReadingThemFirst() {
		limiter.reserve(passwordStep("old-address")); // the account's own bucket now has its lock row
		statements.clear();

		assertThat(limiter.reserve(passwordStep("new-address")).granted()).isTrue();

		assertThat(statements).as(statements.toString()).hasSize(5);
		assertThat(statements.get(0)).contains("FOR UPDATE");
		assertThat(statements.get(1)).startsWith("INSERT INTO rate_limit_counter").contains("), (");
		assertThat(statements.get(2)).contains("FOR UPDATE");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM rate_limit_counter").query(Integer.class).single()).isEqualTo(5);
		assertThat(limiter.count("signin:ip:new-address", Duration.ofMinutes(15))).isEqualTo(1);
		assertThat(limiter.count("signin:acct:a", Duration.ofHours(1))).isEqualTo(2);
	}

	@Test
	void whenAnotherRequestCreatesOneOfTheNewLockRowsFirstTheOthersAreStillCreatedAndTheSlotTaken() {
		raceBeforeLockRowInsert = () -> jdbc
			.sql("INSERT INTO rate_limit_counter (bucket, window_start, hits, last_hit) VALUES ('signin:ip:new', CURRENT_TIMESTAMP, 0, CURRENT_TIMESTAMP)")
			.update();

		RateLimiter.Reservation reservation = limiter.reserve(passwordStep("new"));

		assertThat(reservation.granted()).isTrue();
		assertThat(statements).as("the INSERT of all three lost, then one by one").filteredOn(sql -> sql.startsWith("INSERT INTO rate_limit_counter"))
			.hasSize(4);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM rate_limit_counter").query(Integer.class).single()).isEqualTo(3);
		for (Limit limit : passwordStep("new")) {
			assertThat(limiter.count(limit.bucket(), limit.window())).isEqualTo(1);
		}
	}

	@Test
	void theRightPasswordGivesItsSlotsBackAndForgetsThePairsFailuresWithoutTouchingSubWindows() {
		Limit[] limits = passwordStep("ip");
		limiter.reserve(limits);
		RateLimiter.Reservation right = limiter.reserve(limits);
		statements.clear();

		limiter.releaseAndForget(right, limits[0]);

		assertThat(statements).as("the slots by id, then the pair's earlier failures; no sub-window table: " + statements)
			.containsExactly("DELETE FROM rate_limit_hit WHERE id = ?", "SELECT id FROM rate_limit_hit WHERE bucket = ?",
					"DELETE FROM rate_limit_hit WHERE id = ? AND bucket = ?");
		assertThat(limiter.count(limits[0].bucket(), limits[0].window())).isZero();
		assertThat(limiter.count(limits[1].bucket(), limits[1].window())).as("the first attempt still counts").isEqualTo(1);
	}

	@Test
	void forgettingABucketCountedInSubWindowsEmptiesItsSubWindows() {
		startOfAMinute();
		Limit[] limits = smsSend(100);
		limiter.reserve(limits);
		RateLimiter.Reservation last = limiter.reserve(limits);
		assertThat(limiter.count("sms:global", Duration.ofHours(1))).isEqualTo(2);

		limiter.releaseAndForget(last, limits[4]);

		assertThat(limiter.count("sms:global", Duration.ofHours(1))).isZero();
		assertThat(limiter.count("sms:cc:1", Duration.ofHours(1))).as("given back, not forgotten").isEqualTo(1);
	}

	/** The limits of one password step as {@code SignInThrottle} lists them, from {@code address}. */
	private static Limit[] passwordStep(String address) {
		return new Limit[] { Limit.of("signin:acct-ip:a|" + address, 5, Duration.ofMinutes(15)),
				Limit.of("signin:ip:" + address, 50, Duration.ofMinutes(15)), Limit.of("signin:acct:a", 20, Duration.ofHours(1)) };
	}

	@Test
	void fiveExactHourlyBudgetsTakeThreeStatements() {
		Limit[] limits = { Limit.of("sms:account:u", 5, Duration.ofHours(1)), Limit.of("sms:number:+1", 5, Duration.ofHours(1)),
				Limit.of("sms:ip:ip", 50, Duration.ofHours(1)), Limit.of("sms:cc:1", 500, Duration.ofHours(1)),
				Limit.of("sms:global", 5000, Duration.ofHours(1)) };
		limiter.reserve(limits);
		statements.clear();

		assertThat(limiter.reserve(limits).granted()).isTrue();

		assertThat(statements).as(statements.toString()).hasSize(3);
		for (Limit limit : limits) {
			assertThat(limiter.count(limit.bucket(), Duration.ofHours(1))).isEqualTo(2);
		}
	}

	@Test
	void anSmsSendsFiveHourlyBudgetsTakeFourStatements() {
		startOfAMinute();
		Limit[] limits = smsSend(5);
		limiter.reserve(limits); // the first creates the lock rows and this minute's sub-window rows
		statements.clear();

		assertThat(limiter.reserve(limits).granted()).isTrue();

		assertThat(statements).as(statements.toString()).hasSize(4);
		assertThat(statements.get(0)).contains("FOR UPDATE");
		assertThat(statements.get(1)).contains("rate_limit_hit").contains("UNION ALL").contains("rate_limit_sub_window");
		assertThat(statements.get(2)).startsWith("INSERT INTO rate_limit_hit");
		assertThat(statements.get(3)).startsWith("UPDATE rate_limit_sub_window");
		for (Limit limit : limits) {
			assertThat(limiter.count(limit.bucket(), Duration.ofHours(1))).isEqualTo(2);
		}
	}

	@Test
	void aNewSubWindowIsAddedByOneInsertAndOnlyAMixOfNewAndOldTakesFive() {
		startOfAMinute();
		limiter.reserve(smsSend(5));
		clock.advance(Duration.ofMinutes(1));
		statements.clear();

		assertThat(limiter.reserve(smsSend(5)).granted()).isTrue();

		assertThat(statements).as("both sub-windows new: " + statements).hasSize(4);
		assertThat(statements.get(3)).startsWith("INSERT INTO rate_limit_sub_window");
		// Another calling code's first send this minute: the global row exists, the other not.
		limiter.reserve(Limit.of("sms:cc:44", 500, Duration.ofHours(1)).countedInSubWindows()); // its lock row
		clock.advance(Duration.ofMinutes(1));
		limiter.reserve(smsSend(5));
		statements.clear();
		Limit[] otherCountry = smsSend(5);
		otherCountry[3] = Limit.of("sms:cc:44", 500, Duration.ofHours(1)).countedInSubWindows();

		assertThat(limiter.reserve(otherCountry).granted()).isTrue();

		assertThat(statements).as(statements.toString()).hasSize(5);
		assertThat(statements.get(3)).startsWith("UPDATE rate_limit_sub_window");
		assertThat(statements.get(4)).startsWith("INSERT INTO rate_limit_sub_window");
	}

	@Test
	void anSmsSendsBudgetsCostTheSameStatementsAndAtMostSixtyOneSubWindowsAfterAThousandSends() {
		startOfAMinute();
		Limit[] limits = smsSend(1_000_000);
		limiter.reserve(limits);
		statements.clear();
		assertThat(limiter.reserve(limits).granted()).isTrue();
		List<String> afterOne = List.copyOf(statements);
		assertThat(afterOne).hasSize(4);

		for (int i = 0; i < 1_000; i++) {
			clock.advance(Duration.ofMillis(3_600));
			limiter.reserve(limits);
		}
		limiter.reserve(limits); // this minute's rows exist, as after the first send
		statements.clear();
		assertThat(limiter.reserve(limits).granted()).isTrue();

		assertThat(statements).as("the same statements as after one send").isEqualTo(afterOne);
		for (String bucket : List.of("sms:cc:1", "sms:global")) {
			assertThat(limiter.count(bucket, Duration.ofHours(1))).isEqualTo(1_004);
			// The rows its check sums: sub-windows, not sends.
			assertThat(jdbc.sql("SELECT COUNT(*) FROM rate_limit_sub_window WHERE bucket = :b").param("b", bucket)
				.query(Integer.class).single()).isLessThanOrEqualTo(61);
		}
	}

	/** The budgets of one SMS send as {@code SmsSendPolicy} lists them: calling code and global in sub-windows. */
	private static Limit[] smsSend(int max) {
		return new Limit[] { Limit.of("sms:account:u", max, Duration.ofHours(1)), Limit.of("sms:number:+1", max, Duration.ofHours(1)),
				Limit.of("sms:ip:ip", max, Duration.ofHours(1)), Limit.of("sms:cc:1", max, Duration.ofHours(1)).countedInSubWindows(),
				Limit.of("sms:global", max, Duration.ofHours(1)).countedInSubWindows() };
	}

	private void startOfAMinute() {
		java.time.Instant now = clock.instant();
		clock.advance(Duration.between(now, java.time.Instant.ofEpochSecond((now.getEpochSecond() / 60 + 1) * 60)));
	}

	@Test
	void aRefusalStillNamesTheFirstRefusingLimitInTheOrderGivenAndWritesNothing() {
		Limit roomy = Limit.of("z-roomy", 10, Duration.ofHours(1));
		Limit full = Limit.of("a-full", 1, Duration.ofMinutes(10));
		assertThat(limiter.reserve(roomy, full).granted()).isTrue();

		RateLimiter.Reservation refused = limiter.reserve(roomy, full);

		assertThat(refused.granted()).isFalse();
		assertThat(refused.refusedBy()).isEqualTo(full);
		assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10));
		assertThat(limiter.count("z-roomy", Duration.ofHours(1))).isEqualTo(1);
	}

}
