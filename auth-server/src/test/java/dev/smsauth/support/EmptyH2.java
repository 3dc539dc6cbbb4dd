package dev.smsauth.support;

import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/** A new, empty in-memory H2 database for a contract test that runs Flyway itself, alive until the JVM ends. */
public final class EmptyH2 {

	private EmptyH2() {
	}

	public static DataSource database() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		return dataSource;
	}

}
