package dev.smsauth.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.smsauth.web.ReadsThisRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code user_account}. Values arrive already normalised by {@link UserService}.
 *
 * <p>Within one request an account is read once ({@link ReadsThisRequest}: an SMS sign-in read the
 * person's account 12 times over its 11 requests, several times in one): every write here forgets
 * this request's reads, and the next request reads the row again, on whichever node.
 */
@Repository
public class UserRepository {

	private static final String COLUMNS = "id, username, email, phone_number, display_name, password_hash, enabled, created_at, updated_at, admin, phone_number_verified";

	/** How many {@link #COLUMNS} there are: what a statement joining this table reads of it. */
	public static final int COLUMN_COUNT = COLUMNS.split(", ").length;

	private static final String REGION = "user_account";

	private final JdbcClient jdbc;

	private final ReadsThisRequest thisRequest;

	UserRepository(JdbcClient jdbc, ReadsThisRequest thisRequest) {
		this.jdbc = jdbc;
		this.thisRequest = thisRequest;
	}

	public Optional<UserAccount> findById(String id) {
		return findOne("id", id);
	}

	public Optional<UserAccount> findByUsername(String username) {
		return findOne("username", username);
	}

	public Optional<UserAccount> findByEmail(String email) {
		return findOne("email", email);
	}

	public Optional<UserAccount> findByPhoneNumber(String phoneNumber) {
		return findOne("phone_number", phoneNumber);
	}

	public List<UserAccount> findPage(int offset, int limit) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM user_account ORDER BY created_at, id LIMIT :limit OFFSET :offset")
			.param("limit", limit)
			.param("offset", offset)
			.query(UserRepository::map)
			.list();
	}

	/** Users whose username, email or phone number contains {@code query}, for the console's search. */
	public List<UserAccount> search(String query, int offset, int limit) {
		String pattern = like(query);
		JdbcClient.StatementSpec sql = jdbc.sql("SELECT " + COLUMNS + " FROM user_account"
				+ (pattern == null ? "" : " WHERE " + SEARCH) + " ORDER BY created_at, id LIMIT :limit OFFSET :offset")
			.param("limit", limit)
			.param("offset", offset);
		return (pattern == null ? sql : sql.param("q", pattern)).query(UserRepository::map).list();
	}

	public long count(String query) {
		String pattern = like(query);
		if (pattern == null) {
			return jdbc.sql("SELECT COUNT(*) FROM user_account").query(Long.class).single();
		}
		return jdbc.sql("SELECT COUNT(*) FROM user_account WHERE " + SEARCH).param("q", pattern).query(Long.class).single();
	}

	private static final String SEARCH = "(username LIKE :q OR email LIKE :q OR phone_number LIKE :q)";

	private static String like(String query) {
		if (query == null || query.isBlank()) {
			return null;
		}
		// Escape LIKE wildcards so a search for "a_b" finds "a_b", not "aXb".
		String escaped = query.strip()
			.toLowerCase(java.util.Locale.ROOT)
			.replace("\\", "\\\\")
			.replace("%", "\\%")
			.replace("_", "\\_");
		return "%" + escaped + "%";
	}

	public void insert(UserAccount u) {
		thisRequest.forget(REGION);
		jdbc.sql("INSERT INTO user_account (" + COLUMNS + ") VALUES (:id, :username, :email, :phone, :name, :hash, :enabled, :created, :updated, :admin, :verified)")
			.param("id", u.id())
			.param("username", u.username())
			.param("email", u.email())
			.param("phone", u.phoneNumber())
			.param("name", u.displayName())
			.param("hash", u.passwordHash())
			.param("enabled", u.enabled())
			.param("created", Timestamp.from(u.createdAt()))
			.param("updated", Timestamp.from(u.updatedAt()))
			.param("admin", u.admin())
			.param("verified", u.phoneNumberVerified())
			.update();
	}

	public void update(UserAccount u) {
		thisRequest.forget(REGION);
		jdbc.sql("UPDATE user_account SET username = :username, email = :email, phone_number = :phone, display_name = :name, "
				+ "password_hash = :hash, enabled = :enabled, updated_at = :updated, admin = :admin, "
				+ "phone_number_verified = :verified WHERE id = :id")
			.param("id", u.id())
			.param("username", u.username())
			.param("email", u.email())
			.param("phone", u.phoneNumber())
			.param("name", u.displayName())
			.param("hash", u.passwordHash())
			.param("enabled", u.enabled())
			.param("updated", Timestamp.from(u.updatedAt()))
			.param("admin", u.admin())
			.param("verified", u.phoneNumberVerified())
			.update();
	}

	/**
	 * Marks the number on the account as proven, but only while it is still the number the code
	 * went to: an administrator may have set another one between the send and the verify, and
	 * that one is not proven. One conditional statement, so no read-then-write race.
	 */
	public boolean markPhoneNumberVerified(String id, String provenNumber) {
		thisRequest.forget(REGION);
		return jdbc.sql("UPDATE user_account SET phone_number_verified = TRUE "
				+ "WHERE id = :id AND phone_number = :phone AND phone_number_verified = FALSE")
			.param("id", id)
			.param("phone", provenNumber)
			.update() > 0;
	}

	/** The new hash, only if the stored one is still {@code checkedHash}; see UserService. */
	public void replacePasswordHash(String id, String checkedHash, String newHash) {
		thisRequest.forget(REGION);
		jdbc.sql("UPDATE user_account SET password_hash = :new WHERE id = :id AND password_hash = :checked")
			.param("id", id)
			.param("checked", checkedHash)
			.param("new", newHash)
			.update();
	}

	/**
	 * The account, its row locked until the caller's transaction ends: a change computed from
	 * this read can not be overwritten by, or overwrite, a concurrent change of the same account.
	 */
	Optional<UserAccount> findByIdForUpdate(String id) {
		thisRequest.forget(REGION);
		return jdbc.sql("SELECT " + COLUMNS + " FROM user_account WHERE id = :id FOR UPDATE")
			.param("id", id)
			.query(UserRepository::map)
			.optional();
	}

	public boolean delete(String id) {
		thisRequest.forget(REGION);
		return jdbc.sql("DELETE FROM user_account WHERE id = :id").param("id", id).update() > 0;
	}

	private Optional<UserAccount> findOne(String column, String value) {
		if (value == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(thisRequest.find(REGION, column + ":" + value,
				() -> jdbc.sql("SELECT " + COLUMNS + " FROM user_account WHERE " + column + " = :value")
					.param("value", value)
					.query(UserRepository::map)
					.optional()
					.orElse(null),
				UserRepository::keys));
	}

	/** {@link #COLUMNS}, each qualified by {@code alias}, for a statement that joins this table. */
	public static String columnsOf(String alias) {
		return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
	}

	/**
	 * The account in the current row of a statement that joined this table, its {@link #columnsOf}
	 * from column {@code first} on, remembered for the rest of this request as if read by any of its
	 * keys (nothing when the join found no account, or outside a request).
	 */
	public void rememberJoined(ResultSet rs, int first) throws SQLException {
		if (rs.getString(first) != null) {
			thisRequest.remember(REGION, mapFrom(rs, first), UserRepository::keys);
		}
	}

	/** Every column a lookup can find this account by. */
	private static List<String> keys(UserAccount u) {
		List<String> keys = new ArrayList<>(4);
		keys.add("id:" + u.id());
		keys.add("username:" + u.username());
		if (u.email() != null) {
			keys.add("email:" + u.email());
		}
		if (u.phoneNumber() != null) {
			keys.add("phone_number:" + u.phoneNumber());
		}
		return keys;
	}

	/**
	 * A row of {@link #COLUMNS}, by position: every query here selects them in that order. By name,
	 * MySQL's driver searched its column map for each of the eleven, about a fifth of the account
	 * read's CPU in a MariaDB userinfo call (docs/performance.md).
	 */
	private static UserAccount map(ResultSet rs, int row) throws SQLException {
		return mapFrom(rs, 1);
	}

	private static UserAccount mapFrom(ResultSet rs, int first) throws SQLException {
		int i = first;
		return new UserAccount(rs.getString(i), rs.getString(i + 1), rs.getString(i + 2), rs.getString(i + 3),
				rs.getString(i + 4), rs.getString(i + 5), rs.getBoolean(i + 6), rs.getTimestamp(i + 7).toInstant(),
				rs.getTimestamp(i + 8).toInstant(), rs.getBoolean(i + 9), rs.getBoolean(i + 10));
	}

}
