package dev.smsauth.sms.budget;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Table {@code sms_monthly_usage}: messages each application used per calendar month (UTC). A slot
 * is taken with one conditional UPDATE ({@code used < budget}), which the database serialises on
 * the row, so no number of parallel sends on any number of nodes takes more than the budget.
 */
@Repository
class SmsMonthlyUsage {

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	SmsMonthlyUsage(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		// Commits on its own even when a caller has a transaction open: a slot is spent at once.
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** Takes one slot of {@code budget} in the month starting {@code monthStart}; false when none is left. */
	boolean take(String clientId, LocalDate monthStart, int budget) {
		if (increment(clientId, monthStart, budget)) {
			return true;
		}
		if (used(clientId, monthStart).isPresent()) {
			return false;
		}
		// The month's first message: create the row (only one node can), then take the slot like everyone.
		createRow(clientId, monthStart);
		return increment(clientId, monthStart, budget);
	}

	/** Gives one slot back: a later limit of the same send refused it. */
	void giveBack(String clientId, LocalDate monthStart) {
		ownTransaction.execute(status -> jdbc
			.sql("UPDATE sms_monthly_usage SET used = used - 1 WHERE client_id = :client AND month_start = :month AND used > 0")
			.param("client", clientId)
			.param("month", monthStart)
			.update());
	}

	/** Messages used in that month; empty when the application sent none. */
	Optional<Integer> used(String clientId, LocalDate monthStart) {
		return jdbc.sql("SELECT used FROM sms_monthly_usage WHERE client_id = :client AND month_start = :month")
			.param("client", clientId)
			.param("month", monthStart)
			.query(Integer.class)
			.optional();
	}

	private boolean increment(String clientId, LocalDate monthStart, int budget) {
		Integer updated = ownTransaction.execute(status -> jdbc
			.sql("UPDATE sms_monthly_usage SET used = used + 1 "
					+ "WHERE client_id = :client AND month_start = :month AND used < :budget")
			.param("client", clientId)
			.param("month", monthStart)
			.param("budget", budget)
			.update());
		return updated != null && updated == 1;
	}

	private void createRow(String clientId, LocalDate monthStart) {
		// In a transaction of its own: an INSERT that loses the race inside a longer one would hold a
		// shared lock that MariaDB can deadlock on (as limits.RateLimiter does for its lock rows).
		ownTransaction.execute(status -> {
			try {
				return jdbc.sql("INSERT INTO sms_monthly_usage (client_id, month_start, used) VALUES (:client, :month, 0)")
					.param("client", clientId)
					.param("month", monthStart)
					.update();
			}
			catch (DuplicateKeyException exists) {
				// Another request created it first: that is all we wanted.
				return 0;
			}
		});
	}

}
