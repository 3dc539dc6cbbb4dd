package dev.smsauth.mysql;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.smsauth.token.IndexedAuthorizationServiceContract;
import org.junit.jupiter.api.AfterEach;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The indexed authorization store and its V9 backfill (SHA2 in SQL) on the real MariaDB. */
class MysqlIndexedAuthorizationServiceTests extends IndexedAuthorizationServiceContract {

	private final List<String> databases = new ArrayList<>();

	@Override
	protected DataSource emptyDatabase() {
		String url = MariaDb.freshDatabase();
		databases.add(url);
		return new DriverManagerDataSource(url, "root", "");
	}

	@Override
	protected String dialect() {
		return "mysql";
	}

	@AfterEach
	void dropDatabases() {
		databases.forEach(MariaDb::drop);
	}

}
