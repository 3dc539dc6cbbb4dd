package dev.smsauth.mysql;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.smsauth.limits.SubWindowLimitContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Limits counted in sub-windows on MariaDB: the same cases as on H2, and each of their statements on
 * an index (the check and the increment on the primary key, the clean-up's batch on
 * {@code ix_rate_limit_sub_window_start}).
 */
class MysqlSubWindowLimitTests extends SubWindowLimitContract {

	/** Every database made (the switch-over case makes its own), all dropped at the end. */
	private final List<String> urls = new ArrayList<>();

	private JdbcTemplate template;

	@Override
	protected DataSource emptyDatabase() {
		String url = MariaDb.freshDatabase();
		urls.add(url);
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "root", "");
		if (template == null) {
			template = new JdbcTemplate(dataSource); // the contract's own database, made first
		}
		return dataSource;
	}

	@Override
	protected String dialect() {
		return "mysql";
	}

	@AfterAll
	void dropDatabase() {
		urls.forEach(MariaDb::drop);
	}

	@Test
	void whenTheLimiterAndTheCleanupReadSubWindowsThenMariaDbUsesAnIndex() {
		// Enough rows that a scan would not be chosen for a small table's sake: a day of minutes for 20 buckets.
		Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
		List<Object[]> rows = new ArrayList<>();
		for (int bucket = 0; bucket < 20; bucket++) {
			for (int m = 0; m < 1_440; m++) {
				rows.add(new Object[] { "explain:" + bucket, Timestamp.from(minute.minus(Duration.ofMinutes(m))), 3 });
			}
		}
		template.batchUpdate("INSERT INTO rate_limit_sub_window (bucket, starts_at, hits) VALUES (?, ?, ?)", rows);
		template.execute("ANALYZE TABLE rate_limit_sub_window");
		String since = "'" + Timestamp.from(minute.minus(Duration.ofMinutes(61))) + "'";

		Map<String, Object> check = explain("SELECT 1, bucket, hits, starts_at FROM rate_limit_sub_window WHERE bucket IN "
				+ "('explain:1', 'explain:7') AND starts_at > " + since);
		assertThat(check.get("key")).as("plan %s", check).isEqualTo("PRIMARY");
		assertThat(check.get("type")).as("plan %s", check).isEqualTo("range");
		Map<String, Object> increment = explain("UPDATE rate_limit_sub_window SET hits = hits + 1 WHERE starts_at = " + since
				+ " AND bucket IN ('explain:1', 'explain:7')");
		assertThat(increment.get("key")).as("plan %s", increment).isEqualTo("PRIMARY");
		Map<String, Object> cleanup = explain("SELECT bucket FROM rate_limit_sub_window WHERE starts_at < '"
				+ Timestamp.from(minute.minus(Duration.ofHours(23))) + "' LIMIT 100");
		assertThat(cleanup.get("key")).as("plan %s", cleanup).isEqualTo("ix_rate_limit_sub_window_start");
		assertThat((String) cleanup.get("Extra")).as("plan %s", cleanup).contains("Using index");
		Map<String, Object> cleanupDelete = explain("DELETE FROM rate_limit_sub_window WHERE bucket IN ('explain:1', 'explain:7')"
				+ " AND (starts_at < '" + Timestamp.from(minute.minus(Duration.ofHours(23))) + "')");
		assertThat(cleanupDelete.get("key")).as("plan %s", cleanupDelete).isEqualTo("PRIMARY");
		template.update("DELETE FROM rate_limit_sub_window WHERE bucket LIKE 'explain:%'");
	}

	private Map<String, Object> explain(String sql) {
		return template.queryForList("EXPLAIN " + sql).get(0);
	}

}
