package dev.smsauth.cleanup;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One kind of row the clean-up job removes: its table, its key column, and the SQL condition
 * (with the parameter {@code :cutoff}) that makes a row removable. Names are constants of this
 * package, never input.
 *
 * <p>Deletes in bounded batches with SQL that H2 and MySQL/MariaDB both accept: MySQL refuses
 * {@code LIMIT} in an {@code IN} subquery and a subquery on the table being deleted from, so each
 * batch selects up to {@code batchSize} keys, then deletes those keys with the condition checked
 * again, so a row that changed in between stays. Each statement runs in its own short
 * auto-commit transaction: no lock is held across batches.
 *
 * <p>{@code oldestFirst} (a column, or null) orders each batch by the indexed column its condition
 * ranges over. Without it MariaDB may choose a scan of the whole table over a range that covers most
 * of it (when a backlog is most of the table and the condition needs more than the index holds);
 * with it the index is the cheaper way to the first rows, and the scan stops after one batch.
 */
record ExpiredRows(String table, String key, String condition, String oldestFirst) {

	ExpiredRows(String table, String key, String condition) {
		this(table, key, condition, null);
	}

	/** A run stops here even if more rows qualify; the next run continues. Bounds one run's time. */
	static final int MAX_BATCHES_PER_RUN = 1_000;

	/** Deletes every qualifying row, batch by batch; returns how many this call deleted. */
	int deleteAll(JdbcClient jdbc, Map<String, ?> params, int batchSize) {
		int deleted = 0;
		for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
			List<Object> keys = jdbc.sql(selectBatch())
				.params(params)
				.param("limit", batchSize)
				.query((rs, row) -> rs.getObject(1))
				.list();
			if (keys.isEmpty()) {
				break;
			}
			// Another node may have deleted some of these already: it then counts them, not us.
			deleted += jdbc.sql("DELETE FROM " + table + " WHERE " + key + " IN (:keys) AND (" + condition + ")")
				.params(params)
				.param("keys", keys)
				.update();
			if (keys.size() < batchSize) {
				break;
			}
		}
		return deleted;
	}

	/** The keys of one batch (parameters {@code :cutoff} and {@code :limit}). */
	String selectBatch() {
		return "SELECT " + key + " FROM " + table + " WHERE " + condition
				+ (oldestFirst == null ? "" : " ORDER BY " + oldestFirst) + " LIMIT :limit";
	}

}
