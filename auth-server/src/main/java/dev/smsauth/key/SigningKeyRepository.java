package dev.smsauth.key;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code signing_key}. Every state change is a conditional statement, so nodes that act on
 * the same snapshot at the same moment cannot both succeed.
 * <p>
 * {@code next_marker} is 1 on the NEXT key and NULL on every other row, {@code active_marker} the
 * same for the ACTIVE key, each unique per {@code algorithm} (V16): the database itself allows at
 * most one NEXT and one ACTIVE key of each algorithm. A check-then-insert (even a single
 * {@code INSERT ... SELECT ... WHERE NOT EXISTS}) does not give that: under H2's MVCC and
 * InnoDB's consistent reads two transactions can both see "no NEXT key" and both insert.
 */
@Repository
class SigningKeyRepository {

	private static final String COLUMNS = "kid, algorithm, status, jwk, created_at, activates_at, retire_after";

	private final JdbcClient jdbc;

	SigningKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<StoredKey> findAll() {
		return jdbc.sql("SELECT " + COLUMNS + " FROM signing_key").query(SigningKeyRepository::map).list();
	}

	Optional<StoredKey> findNext(String algorithm) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM signing_key WHERE status = 'NEXT' AND algorithm = :alg")
			.param("alg", algorithm)
			.query(SigningKeyRepository::map)
			.optional();
	}

	/** The algorithms that have a key: the ones rotation rotates. */
	List<String> algorithms() {
		return jdbc.sql("SELECT DISTINCT algorithm FROM signing_key").query(String.class).list();
	}

	/** When the newest key (of any status) of the algorithm was made, or null when there is none. */
	Instant newestCreatedAt(String algorithm) {
		Timestamp newest = jdbc.sql("SELECT MAX(created_at) FROM signing_key WHERE algorithm = :alg")
			.param("alg", algorithm)
			.query(Timestamp.class)
			.single();
		return newest == null ? null : newest.toInstant();
	}

	/**
	 * The first key of an algorithm: it signs at once (no relying party can have cached a key of it).
	 * @throws org.springframework.dao.DuplicateKeyException when the algorithm has an ACTIVE key already
	 */
	void insertActive(String kid, String algorithm, String sealed, Instant createdAt) {
		jdbc.sql("INSERT INTO signing_key (kid, algorithm, jwk, status, created_at, active_marker) "
				+ "VALUES (:kid, :alg, :jwk, 'ACTIVE', :created, 1)")
			.param("kid", kid)
			.param("alg", algorithm)
			.param("jwk", sealed)
			.param("created", Timestamp.from(createdAt))
			.update();
	}

	/**
	 * Adds the NEXT key of an algorithm.
	 * @throws org.springframework.dao.DuplicateKeyException when the algorithm has a NEXT key already
	 */
	void insertNext(String kid, String algorithm, String sealed, Instant createdAt, Instant activatesAt) {
		jdbc.sql("INSERT INTO signing_key (kid, algorithm, jwk, status, created_at, activates_at, next_marker) "
				+ "VALUES (:kid, :alg, :jwk, 'NEXT', :created, :activates, 1)")
			.param("kid", kid)
			.param("alg", algorithm)
			.param("jwk", sealed)
			.param("created", Timestamp.from(createdAt))
			.param("activates", Timestamp.from(activatesAt))
			.update();
	}

	/**
	 * NEXT → ACTIVE; false when another node promoted it first. Call {@link #retireActiveExcept}
	 * first, in the same transaction: the algorithm's ACTIVE marker must be free.
	 */
	boolean promote(String kid) {
		return jdbc.sql("UPDATE signing_key SET status = 'ACTIVE', next_marker = NULL, active_marker = 1 "
				+ "WHERE kid = :kid AND status = 'NEXT'")
			.param("kid", kid)
			.update() == 1;
	}

	/** Every ACTIVE key of the algorithm but {@code kid} becomes RETIRED until {@code retireAfter}. */
	int retireActiveExcept(String kid, String algorithm, Instant retireAfter) {
		return jdbc.sql("UPDATE signing_key SET status = 'RETIRED', retire_after = :retire, active_marker = NULL "
				+ "WHERE status = 'ACTIVE' AND algorithm = :alg AND kid <> :kid")
			.param("retire", Timestamp.from(retireAfter))
			.param("alg", algorithm)
			.param("kid", kid)
			.update();
	}

	int deleteRetiredUpTo(Instant now) {
		return jdbc.sql("DELETE FROM signing_key WHERE status = 'RETIRED' AND retire_after <= :now")
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Replaces a row's text only if it still holds {@code expected} (idempotent, race-free re-encryption). */
	boolean replaceText(String kid, String expected, String replacement) {
		return jdbc.sql("UPDATE signing_key SET jwk = :replacement WHERE kid = :kid AND jwk = :expected")
			.param("replacement", replacement)
			.param("kid", kid)
			.param("expected", expected)
			.update() == 1;
	}

	private static StoredKey map(ResultSet rs, int row) throws SQLException {
		return new StoredKey(rs.getString("kid"), rs.getString("algorithm"), KeyStatus.valueOf(rs.getString("status")),
				rs.getString("jwk"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("activates_at")),
				instant(rs.getTimestamp("retire_after")));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
