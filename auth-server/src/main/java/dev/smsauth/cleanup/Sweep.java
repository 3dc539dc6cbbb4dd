package dev.smsauth.cleanup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One table's expired rows in one run, one batch per call: the rows it deleted, and with
 * {@link ExpiredRows#oldestFirst()} where in the index the next batch starts. A failure is logged and
 * ends this table's turn; the other tables still get theirs, and the next run tries again.
 */
final class Sweep implements BatchedDelete {

	private static final Logger log = LoggerFactory.getLogger(Sweep.class);

	private final ExpiredRows rows;

	private final JdbcClient jdbc;

	private final Map<String, ?> params;

	private final int batchSize;

	/** Past this {@code oldestFirst} value once a batch kept rows; null: from the start. */
	private Object after;

	private int deleted;

	Sweep(ExpiredRows rows, JdbcClient jdbc, Map<String, ?> params, int batchSize) {
		this.rows = rows;
		this.jdbc = jdbc;
		this.params = params;
		this.batchSize = batchSize;
	}

	@Override
	public boolean deleteNextBatch() {
		try {
			return deleteOneBatch();
		}
		catch (DataAccessException ex) {
			log.warn("Clean-up of table {} failed; the next run tries again", rows.table(), ex);
			return false;
		}
	}

	private boolean deleteOneBatch() {
		List<Object> keys = new ArrayList<>();
		Object[] last = new Object[1];
		JdbcClient.StatementSpec select = jdbc.sql(rows.selectBatch(after != null)).params(params).param("limit", batchSize);
		if (after != null) {
			select = select.param("after", after);
		}
		boolean ordered = rows.oldestFirst() != null;
		select.query(rs -> {
			if (ordered) {
				last[0] = rs.getObject(1);
			}
			keys.add(rs.getObject(ordered ? 2 : 1));
		});
		if (keys.isEmpty()) {
			return false;
		}
		// Another node may have deleted some of these already: it then counts them, not us.
		int gone = jdbc.sql(rows.deleteBatch()).params(params).param("keys", keys).update();
		deleted += gone;
		if (ordered && gone < keys.size()) {
			after = last[0];
		}
		return keys.size() == batchSize;
	}

	String table() {
		return rows.table();
	}

	/** Rows this sweep deleted so far. */
	int deleted() {
		return deleted;
	}

}
