package dev.smsauth.mysql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The machine's MariaDB at 127.0.0.1:3306 (root, empty password; .ci/run starts it). Each test
 * class gets a database of its own, so runs never see each other's rows.
 */
public final class MariaDb {

	static final String HOST_URL = "jdbc:mysql://127.0.0.1:3306/";

	static final String OPTIONS = "?preserveInstants=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";

	private MariaDb() {
	}

	/** Creates a fresh database and returns its JDBC URL; skips the test off CI when MariaDB is absent. */
	public static String freshDatabase() {
		String name = "smsauth_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection connection = DriverManager.getConnection(HOST_URL + OPTIONS, "root", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
		}
		catch (SQLException ex) {
			assumeTrue(System.getenv("CI") != null, "MariaDB at 127.0.0.1:3306 is not reachable: " + ex.getMessage());
			throw new IllegalStateException("MariaDB at 127.0.0.1:3306 is required in CI (.ci/run starts it)", ex);
		}
		return HOST_URL + name + OPTIONS;
	}

	public static void drop(String url) {
		String name = url.substring(HOST_URL.length(), url.indexOf('?'));
		try (Connection connection = DriverManager.getConnection(HOST_URL + OPTIONS, "root", "");
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name);
		}
		catch (SQLException ex) {
			// leaving a test database behind is harmless
		}
	}

}
