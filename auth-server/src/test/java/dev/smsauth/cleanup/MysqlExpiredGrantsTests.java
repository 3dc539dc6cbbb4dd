package dev.smsauth.cleanup;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.smsauth.mysql.MariaDb;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clean-up's expired-grant batch on the real MariaDB: its SQL (ORDER BY and LIMIT in the key
 * query) runs there, it finds dead grants through {@code ix_authorization_purge_after} even when
 * they are most of the table, and it deletes exactly those.
 */
class MysqlExpiredGrantsTests {

	private static final int GRANTS = 4_000;

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private String url;

	private JdbcTemplate jdbc;

	@BeforeEach
	void fill() {
		url = MariaDb.freshDatabase();
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "root", "");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/mysql").load().migrate();
		jdbc = new JdbcTemplate(dataSource);
		// Nine in ten dead (as the bench's fill), the tenth holding a refresh token for another hour.
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < GRANTS; i++) {
			boolean live = i % 10 == 0;
			Instant ends = live ? now.plus(Duration.ofHours(1)) : now.minus(Duration.ofMinutes(1 + i));
			rows.add(new Object[] { UUID.randomUUID().toString(), "client-" + (live ? "live" : "dead"), "purge".getBytes(),
					Timestamp.from(ends.minus(Duration.ofMinutes(10))), Timestamp.from(ends), Timestamp.from(ends) });
		}
		jdbc.batchUpdate("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, "
				+ "authorization_grant_type, refresh_token_value, refresh_token_issued_at, refresh_token_expires_at, purge_after) "
				+ "VALUES (?, ?, 'someone', 'authorization_code', ?, ?, ?, ?)", rows);
		jdbc.execute("ANALYZE TABLE oauth2_authorization");
	}

	@AfterEach
	void drop() {
		MariaDb.drop(url);
	}

	@Test
	void whenDeadGrantsAreMostOfTheTableThenEachBatchIsAnIndexRangeAndOnlyTheDeadGo() {
		Map<String, Object> plan = JdbcClient.create(jdbc)
			.sql("EXPLAIN " + CleanupJob.AUTHORIZATIONS.selectBatch())
			.param("cutoff", Timestamp.from(now))
			.param("limit", 500)
			.query()
			.singleRow();
		assertThat(plan.get("key")).as("plan %s", plan).isEqualTo("ix_authorization_purge_after");
		assertThat(plan.get("type")).as("plan %s", plan).isEqualTo("range");

		int deleted = CleanupJob.AUTHORIZATIONS.deleteAll(JdbcClient.create(jdbc), Map.of("cutoff", Timestamp.from(now)), 500);

		assertThat(deleted).isEqualTo(GRANTS - GRANTS / 10);
		assertThat(jdbc.queryForList("SELECT DISTINCT registered_client_id FROM oauth2_authorization", String.class))
			.containsExactly("client-live");
	}

}
