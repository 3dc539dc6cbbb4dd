package dev.smsauth.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own in the local MariaDB for one run of --profile mysql (root, empty
 * password, as on the developers' and CI machines), dropped afterwards.
 */
final class FreshMariaDb implements AutoCloseable {

	static final String OPTIONS = "?preserveInstants=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";

	private final String server;

	private final String name;

	private FreshMariaDb(String server, String name) {
		this.server = server.endsWith("/") ? server : server + "/";
		this.name = name;
	}

	static FreshMariaDb create(String server) throws SQLException {
		FreshMariaDb db = new FreshMariaDb(server, "smsauth_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
		db.execute("CREATE DATABASE " + db.name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
		return db;
	}

	String url() {
		return server + name + OPTIONS;
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(server + OPTIONS, "root", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	@Override
	public void close() {
		try {
			execute("DROP DATABASE IF EXISTS " + name);
		}
		catch (SQLException ex) {
			System.err.println("Could not drop " + name + ": " + ex.getMessage());
		}
	}

}
