package dev.smsauth.token;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Another table's row read in the same statement as the grant an access token belongs to, because
 * the request that presents the token reads it next: userinfo reads the signed-in person's account
 * right after the token's grant. On MariaDB each statement is a round trip, and the second one was
 * a third of a userinfo call's database time (docs/performance.md).
 */
public interface JoinedRead {

	/** The joined table's columns for the select list, each qualified by its alias. */
	String columns();

	/** The join clause against the grant table, which is aliased {@code g}. */
	String join();

	/** Takes the joined columns of the current row, from column {@code first} on. */
	void read(ResultSet rs, int first) throws SQLException;

}
