package dev.smsauth.web;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells "the database can not be reached right now" (503, try again) from a bug (500). Only
 * connection-level failures count: a constraint violation or bad SQL stays a 500, so an outage
 * page never hides a defect.
 */
public final class DatabaseUnavailable {

	/** Seconds a caller is asked to wait (header {@code Retry-After}). */
	public static final String RETRY_AFTER_SECONDS = "5";

	private DatabaseUnavailable() {
	}

	/** Whether {@code ex} or one of its causes says the database is out of reach. */
	public static boolean isCause(Throwable ex) {
		for (Throwable t = ex; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			// CannotGetJdbcConnectionException is a DataAccessResourceFailureException. Spring
			// Session and @Transactional fail earlier, when the transaction begins:
			// CannotCreateTransactionException, which is no DataAccessException.
			if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
					|| t instanceof RecoverableDataAccessException || t instanceof CannotCreateTransactionException
					|| t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException
					|| t instanceof SQLNonTransientConnectionException) {
				return true;
			}
		}
		return false;
	}

}
