package dev.smsauth.limits;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.smsauth.limits.RateLimiter.Limit;
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
 * lock, a count and an insert per bucket (a password step: 9 → 4; an SMS send's five hourly
 * budgets: 15 → 3). The lock order and the limits themselves are proved by {@code RateLimiterContract}.
 */
class RateLimiterStatementsTests {

	private final List<String> statements = new ArrayList<>();

	private RateLimiter limiter;

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
		limiter = new RateLimiter(JdbcClient.create(counting), Clock.systemUTC(), new DataSourceTransactionManager(counting));
	}

	@Test
	void aPasswordStepsThreeLimitsInTwoWindowsTakeFourStatements() {
		List<Limit> limits = List.of(Limit.of("signin:acct-ip:a|ip", 5, Duration.ofMinutes(15)),
				Limit.of("signin:ip:ip", 50, Duration.ofMinutes(15)), Limit.of("signin:acct:a", 20, Duration.ofHours(1)));
		limiter.reserve(limits.toArray(Limit[]::new)); // the first creates the lock rows
		statements.clear();

		assertThat(limiter.reserve(limits.toArray(Limit[]::new)).granted()).isTrue();

		assertThat(statements).as(statements.toString()).hasSize(4);
		assertThat(statements.get(0)).contains("FOR UPDATE");
		assertThat(statements.get(3)).startsWith("INSERT");
		assertThat(limiter.count("signin:acct:a", Duration.ofHours(1))).isEqualTo(2);
	}

	@Test
	void anSmsSendsFiveHourlyBudgetsTakeThreeStatements() {
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
