package dev.smsauth.cleanup;

/**
 * One kind of row the clean-up job removes: its table, its key column, and the SQL condition
 * (with the parameter {@code :cutoff}) that makes a row removable. Names are constants of this
 * package, never input. {@link Sweep} deletes them, one batch at a time.
 *
 * <p>Two statements per batch, with SQL that H2 and MySQL/MariaDB both accept: MySQL refuses
 * {@code LIMIT} in an {@code IN} subquery and a subquery on the table being deleted from, so each
 * batch selects up to {@code :limit} keys, then deletes those keys with the whole condition checked
 * again, so a row that changed in between stays. Each statement runs in its own short auto-commit
 * transaction: no lock is held across batches, and the SELECT locks nothing.
 *
 * @param condition the whole rule, checked on every row by the DELETE
 * @param byIndex the part of the rule an index answers alone: the batch's key query asks only this,
 * so it reads index entries and no row (for a grant, ~10 KiB of row and blob pages it would read once
 * for the SELECT and once for the DELETE). The same as {@code condition} where that is one indexed
 * column
 * @param oldestFirst the indexed column {@code byIndex} ranges over, or null. Each batch reads that
 * index in order (without it MariaDB may choose a scan of the whole table when a backlog is most of
 * it); and once a batch has kept some of its keys (the DELETE's re-check said no, or another node
 * deleted them first) the next one starts past that batch's last value, so kept rows are not found
 * again in this run and every batch makes progress
 */
record ExpiredRows(String table, String key, String condition, String byIndex, String oldestFirst) {

	ExpiredRows(String table, String key, String condition) {
		this(table, key, condition, condition, null);
	}

	/**
	 * The keys of one batch, with parameters {@code :cutoff} and {@code :limit}; with
	 * {@code oldestFirst}, its value comes first in each row, and {@code resume} adds
	 * {@code :after} (start past that value).
	 */
	String selectBatch(boolean resume) {
		if (oldestFirst == null) {
			return "SELECT " + key + " FROM " + table + " WHERE " + byIndex + " LIMIT :limit";
		}
		return "SELECT " + oldestFirst + ", " + key + " FROM " + table + " WHERE " + byIndex
				+ (resume ? " AND " + oldestFirst + " > :after" : "") + " ORDER BY " + oldestFirst + " LIMIT :limit";
	}

	/** The first batch's keys. */
	String selectBatch() {
		return selectBatch(false);
	}

	/** Deletes the batch's keys ({@code :keys}) that still meet the whole condition. */
	String deleteBatch() {
		return "DELETE FROM " + table + " WHERE " + key + " IN (:keys) AND (" + condition + ")";
	}

}
