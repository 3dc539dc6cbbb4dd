package dev.smsauth.stats;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * The SQL that turns a stored instant into its UTC day as text ({@code 2025-01-31}), for GROUP BY.
 * It differs per database: MariaDB/MySQL stores UTC wall time (the connection is forced to UTC,
 * see application-mysql.yml), so the column's own date is the UTC day; H2 stores
 * {@code java.sql.Timestamp}s in the JVM's time zone, so the value is first moved to UTC (a plain
 * CAST would group by the server's local day).
 */
@Component
public final class UtcDay {

	private final boolean mysql;

	UtcDay(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
			this.mysql = product.contains("mysql") || product.contains("mariadb");
		}
	}

	/** An expression giving {@code column}'s UTC day as {@code yyyy-MM-dd}; the column name is a constant, never input. */
	public String of(String column) {
		return mysql ? "DATE_FORMAT(" + column + ", '%Y-%m-%d')"
				: "FORMATDATETIME((" + column + " AT TIME ZONE 'UTC'), 'yyyy-MM-dd')";
	}

}
