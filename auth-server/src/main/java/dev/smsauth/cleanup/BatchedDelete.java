package dev.smsauth.cleanup;

/** Work that is done one bounded batch at a time: one table's expired rows in one run. */
interface BatchedDelete {

	/**
	 * Deletes one batch.
	 *
	 * @return whether more may be left (false: this table is done for this run)
	 */
	boolean deleteNextBatch();

}
