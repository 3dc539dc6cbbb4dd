package dev.smsauth.limits;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import dev.smsauth.support.EmptyH2;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Limits counted in sub-windows on H2, the embedded default's database; {@code mysql.MysqlSubWindowLimitTests} on MariaDB. */
class SubWindowLimitTests extends SubWindowLimitContract {

	@Override
	protected DataSource emptyDatabase() {
		return EmptyH2.database();
	}

	@Override
	protected String dialect() {
		return "h2";
	}

	@Test
	void whenACheckSumsSubWindowsThenH2ReadsThePrimaryKey() {
		Timestamp since = Timestamp.from(Instant.now().minus(HOUR));
		for (String sql : List.of(
				"SELECT 1, bucket, hits, starts_at FROM rate_limit_sub_window WHERE bucket IN (:b) AND starts_at > :s",
				"UPDATE rate_limit_sub_window SET hits = hits + 1 WHERE starts_at = :s AND bucket IN (:b)")) {
			String plan = jdbc.sql("EXPLAIN " + sql).param("b", List.of("sms:cc:44", "sms:global")).param("s", since)
				.query(String.class).single();
			assertThat(plan).as(plan).contains("PRIMARY_KEY");
		}
	}

}
