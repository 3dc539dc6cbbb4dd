package dev.smsauth.bench.fill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Rows into one table through one prepared INSERT, sent in batches that Connector/J rewrites into
 * multi-row INSERTs ({@code rewriteBatchedStatements=true} on the URL), one commit per ten batches:
 * few enough log flushes, and no transaction grows large. Instants are bound as timestamps, like
 * the server binds them.
 */
final class BatchInsert implements AutoCloseable {

	private final Connection connection;

	private final PreparedStatement insert;

	private final int batchSize;

	private int pending;

	private int uncommitted;

	private long rows;

	BatchInsert(Connection connection, String table, List<String> columns, int batchSize) throws SQLException {
		this.connection = connection;
		this.batchSize = batchSize;
		this.insert = connection.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
				+ "?, ".repeat(columns.size() - 1) + "?)");
	}

	void add(Object... values) throws SQLException {
		for (int i = 0; i < values.length; i++) {
			Object value = values[i] instanceof Instant instant ? Timestamp.from(instant) : values[i];
			insert.setObject(i + 1, value);
		}
		insert.addBatch();
		rows++;
		if (++pending == batchSize) {
			flush();
		}
	}

	long rows() {
		return rows;
	}

	private void flush() throws SQLException {
		if (pending > 0) {
			insert.executeBatch();
			pending = 0;
			if (++uncommitted == 10) {
				connection.commit();
				uncommitted = 0;
			}
		}
	}

	@Override
	public void close() throws SQLException {
		flush();
		connection.commit();
		uncommitted = 0;
		insert.close();
	}

}
