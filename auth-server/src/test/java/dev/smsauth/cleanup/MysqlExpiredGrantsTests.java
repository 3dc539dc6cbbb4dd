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
 * query) runs there, it finds dead grants through {@code ix_authorization_purge_after} alone (no row
 * read, no sort) even when they are most of the table, and it deletes exactly those: rows whose
 * {@code purge_after} is wrong stay, and the batches walk on past them.
 */
class MysqlExpiredGrantsTests {

	private static final int GRANTS = 4_000;

	/** Live grants whose purge time says dead (a wrong summary): more than two batches, oldest of all. */
	private static final int MISJUDGED = 250;

	private static final int BATCH = 100;

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
		for (int i = 0; i < MISJUDGED; i++) {
			Instant ends = now.plus(Duration.ofHours(1));
			rows.add(new Object[] { UUID.randomUUID().toString(), "client-misjudged", "purge".getBytes(),
					Timestamp.from(now), Timestamp.from(ends), Timestamp.from(now.minus(Duration.ofDays(30)).plusSeconds(i)) });
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
	void whenDeadGrantsAreMostOfTheTableThenEachBatchReadsTheIndexAloneAndOnlyTheDeadGo() {
		for (boolean resume : new boolean[] { false, true }) {
			Map<String, Object> plan = JdbcClient.create(jdbc)
				.sql("EXPLAIN " + CleanupJob.AUTHORIZATIONS.selectBatch(resume))
				.param("cutoff", Timestamp.from(now))
				.param("after", Timestamp.from(now.minus(Duration.ofDays(30))))
				.param("limit", BATCH)
				.query()
				.singleRow();
			assertThat(plan.get("key")).as("plan %s", plan).isEqualTo("ix_authorization_purge_after");
			assertThat(plan.get("type")).as("plan %s", plan).isEqualTo("range");
			// The keys come from the index's entries (they hold the primary key), in its order.
			assertThat((String) plan.get("Extra")).as("plan %s", plan).contains("Using index").doesNotContain("filesort");
		}
		// The DELETE finds its keys by the primary key, and reads only those rows for the re-check.
		Map<String, Object> delete = JdbcClient.create(jdbc)
			.sql("EXPLAIN " + CleanupJob.AUTHORIZATIONS.deleteBatch())
			.param("cutoff", Timestamp.from(now))
			.param("keys", jdbc.queryForList("SELECT id FROM oauth2_authorization LIMIT " + BATCH, String.class))
			.query()
			.singleRow();
		assertThat(delete.get("key")).as("plan %s", delete).isEqualTo("PRIMARY");
		assertThat(delete.get("type")).as("plan %s", delete).isEqualTo("range");

		Sweep sweep = new Sweep(CleanupJob.AUTHORIZATIONS, JdbcClient.create(jdbc), Map.of("cutoff", Timestamp.from(now)),
				BATCH);
		int batches = 1;
		while (sweep.deleteNextBatch()) {
			batches++;
		}

		assertThat(sweep.deleted()).isEqualTo(GRANTS - GRANTS / 10);
		assertThat(batches).as("every batch makes progress past the kept rows")
			.isEqualTo((GRANTS - GRANTS / 10 + MISJUDGED) / BATCH + 1);
		assertThat(jdbc.queryForList("SELECT registered_client_id FROM oauth2_authorization GROUP BY registered_client_id "
				+ "ORDER BY registered_client_id", String.class)).containsExactly("client-live", "client-misjudged");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_authorization", Integer.class))
			.isEqualTo(GRANTS / 10 + MISJUDGED);
	}

}
