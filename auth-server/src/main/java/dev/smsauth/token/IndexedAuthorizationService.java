package dev.smsauth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import dev.smsauth.web.ReadsThisRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * The framework's JDBC authorization store with one change: every token is found through an
 * indexed SHA-256 of its value (columns {@code *_hash}, migration V9) instead of comparing the
 * token columns themselves, which are LOBs that can not be indexed, so the framework's lookup reads
 * every row of {@code oauth2_authorization} — a cost that grows with the number of live grants and
 * is paid by every token exchange, refresh, introspection and userinfo call.
 *
 * <p>Saving is one statement (INSERT, or UPDATE when the row exists) instead of the framework's
 * read-and-parse of the existing row first. Rows, columns and the JSON inside them are the
 * framework's own, so its row and parameter mappers do the (de)serialisation.
 *
 * <p>A grant that was read from the store is saved back only if its row still holds the access and
 * refresh tokens it held when read (an optimistic lock: every grant read carries them in the
 * in-memory attribute {@link #READ}, which is never stored). The framework's code and refresh
 * providers read a grant, issue tokens, and save; two requests with one code or one refresh token
 * would otherwise both win, the later save silently replacing the earlier one's tokens. Now the
 * later one finds the row changed: that is a reuse (RFC 9700 4.14.2, OAuth 2.1 4.1.3), so the
 * whole grant is revoked and the request gets {@code invalid_grant}. A rotated-out refresh token is
 * also recorded in {@link RefreshTokenHistory} in the same transaction as the row, so a request that
 * arrives after the rotation finds it there and revokes the grant too; and since the losers wait
 * for the winner's transaction, their revocation never comes before the winner's save.
 */
public class IndexedAuthorizationService extends JdbcOAuth2AuthorizationService {

	private static final Logger log = LoggerFactory.getLogger(IndexedAuthorizationService.class);

	/** In-memory attribute of every grant read from (or just written to) the store: {@link StoredTokens}. */
	static final String READ = IndexedAuthorizationService.class.getName() + ".read";

	/** In-memory attribute of a grant this node saved: {@link WrittenAttributes}. */
	static final String WRITTEN_ATTRIBUTES = IndexedAuthorizationService.class.getName() + ".written";

	private static final Set<String> IN_MEMORY = Set.of(READ, WRITTEN_ATTRIBUTES);

	private static final Set<String> STATE_ONLY = Set.of(OAuth2ParameterNames.STATE);

	/** The framework's column list, in the order its parameter mapper produces values. */
	private static final String COLUMNS = "id, registered_client_id, principal_name, authorization_grant_type, "
			+ "authorized_scopes, attributes, state, authorization_code_value, authorization_code_issued_at, "
			+ "authorization_code_expires_at, authorization_code_metadata, access_token_value, "
			+ "access_token_issued_at, access_token_expires_at, access_token_metadata, access_token_type, "
			+ "access_token_scopes, oidc_id_token_value, oidc_id_token_issued_at, oidc_id_token_expires_at, "
			+ "oidc_id_token_metadata, refresh_token_value, refresh_token_issued_at, refresh_token_expires_at, "
			+ "refresh_token_metadata, user_code_value, user_code_issued_at, user_code_expires_at, user_code_metadata, "
			+ "device_code_value, device_code_issued_at, device_code_expires_at, device_code_metadata";

	/** Where the attributes' JSON is in that list. */
	private static final int ATTRIBUTES_COLUMN = List.of(COLUMNS.split(", ")).indexOf("attributes");

	private static final String HASH_COLUMNS = "state_hash, authorization_code_hash, access_token_hash, "
			+ "oidc_id_token_hash, refresh_token_hash";

	/** Written after the hashes: when the whole grant is dead ({@link GrantPurgeTime}, migration V21). */
	private static final String PURGE_COLUMN = "purge_after";

	/**
	 * Written last, with a new random number on every INSERT and UPDATE of the row (migration V24):
	 * the row's version, which tells a lookup whether the grant it parsed before is still the row.
	 */
	private static final String VERSION_COLUMN = "row_version";

	/** {@link ReadsThisRequest}'s region for lookups by authorization code, by the code's digest. */
	private static final String CODES_REGION = "grant-by-code";

	/** The whole row and its version, which comes after the framework's columns. */
	private static final String SELECT = "SELECT " + COLUMNS + ", " + VERSION_COLUMN + " FROM oauth2_authorization WHERE ";

	private static final int VERSION_INDEX = COLUMNS.split(", ").length + 1;

	/** A token lookup reads this much first: a few bytes instead of the row's several kB. */
	private static final String SELECT_VERSIONS = "SELECT id, " + VERSION_COLUMN + " FROM oauth2_authorization WHERE ";

	private static final String INSERT = "INSERT INTO oauth2_authorization (" + COLUMNS + ", " + HASH_COLUMNS + ", "
			+ PURGE_COLUMN + ", " + VERSION_COLUMN + ") VALUES (" + "?, ".repeat(39) + "?)";

	private static final String UPDATE = "UPDATE oauth2_authorization SET "
			+ (COLUMNS.substring("id, ".length()) + ", " + HASH_COLUMNS + ", " + PURGE_COLUMN + ", " + VERSION_COLUMN)
				.replace(",", " = ?,")
			+ " = ? WHERE id = ?";

	/** Only if the row still holds the tokens that were read ('' for none: the same SQL on H2 and MariaDB). */
	private static final String UPDATE_IF_UNCHANGED = UPDATE
			+ " AND COALESCE(access_token_hash, '') = ? AND COALESCE(refresh_token_hash, '') = ?";

	/**
	 * Without a type hint (introspection, revocation) the token may be any kind: one indexed probe per
	 * column, access tokens first because they are what is introspected. Not one {@code UNION ALL}:
	 * H2 keeps no union prepared (only a plain {@code SELECT} is cacheable), so it parsed that
	 * statement again on every introspection, a quarter of its CPU (docs/perf-notes/resourcecpu.md).
	 * Tokens before {@code state}: a state is chosen by the client, a token value never is.
	 */
	private static final List<String> ANY_KIND = List.of("access_token_hash", "refresh_token_hash",
			"authorization_code_hash", "oidc_id_token_hash", "state_hash");

	/** Bounds the memory of parsed grants; a miss only costs a parse. */
	static final int MAX_PARSED_ROWS = 10_000;

	/** By grant id: the last grant parsed from (or saved to) that row, with the row's version then. */
	private final Map<String, Parsed> parsedById = new ConcurrentHashMap<>();

	private final RowMapper<OAuth2Authorization> parser;

	/** The statement of {@link #findByAccessToken} for each joined read (one or two in all). */
	private final Map<JoinedRead, String> joinedSelects = new ConcurrentHashMap<>();

	private final RefreshTokenHistory history;

	private final TransactionTemplate transactions;

	private final Clock clock;

	/**
	 * The code exchange's lookups by code in this request (null: none kept). The framework looks the
	 * presented code up twice in one token request: to check the PKCE verifier (client
	 * authentication) and to redeem it (the code provider).
	 */
	private final ReadsThisRequest codesThisRequest;

	public IndexedAuthorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients, Clock clock) {
		this(jdbc, clients, clock, null);
	}

	/**
	 * @param codesThisRequest where a lookup by authorization code is kept for the rest of its request,
	 * so the framework's second lookup of the same code (the redemption, after the PKCE check) does not
	 * read the row again; any save or removal by the request forgets it. A code redeemed at once on
	 * another node is still caught: this request's save of the grant is conditional on the row it read
	 * ({@link #save}), and losing that race revokes the grant as a replay.
	 */
	public IndexedAuthorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients, Clock clock,
			ReadsThisRequest codesThisRequest) {
		super(jdbc, clients);
		this.codesThisRequest = codesThisRequest;
		this.history = new RefreshTokenHistory(jdbc, clock);
		// Joins a transaction already open on this DataSource, like every JdbcTemplate call.
		this.transactions = new TransactionTemplate(new JdbcTransactionManager(jdbc.getDataSource()));
		this.clock = clock;
		this.parser = getAuthorizationRowMapper();
	}

	/**
	 * A grant's row holds JSON (the signed-in principal, the original request, token metadata)
	 * whose parsing costs more than the rest of an introspection or userinfo call. Every lookup still
	 * asks the database, so a change by any node (revocation, rotation, deletion) is seen at once:
	 * a token lookup reads the row's id and version ({@link #SELECT_VERSIONS}), and only a row this
	 * node has not parsed at that version is read whole and parsed. Grants are immutable objects
	 * (changes go through builders), so one may serve many requests.
	 *
	 * <p>Before V24 every lookup read the whole row (about 6 kB) and took a SHA-256 of every column
	 * to find the parsed grant; on MariaDB that digest and the bytes behind it were a tenth of a
	 * userinfo call's CPU (docs/performance.md). The price: a row changed without a new
	 * {@code row_version} is not seen by a node that parsed it before. Only this class writes the
	 * row (everything else deletes it), and an operator who changes one by hand must set a new
	 * version too, as with any optimistic-lock column.
	 */
	private OAuth2Authorization current(RowVersion row) {
		Parsed known = parsedById.get(row.id());
		return known != null && known.version() == row.version() ? known.grant() : readWhole(row.id());
	}

	/** The row by id, parsed unless this node already parsed it at the version it has now; null if gone. */
	private OAuth2Authorization readWhole(String id) {
		List<OAuth2Authorization> found = getJdbcOperations().query(SELECT + "id = ?",
				setter(List.of(new SqlParameterValue(Types.VARCHAR, id))), this::parseOnce);
		return found.isEmpty() ? null : found.get(0);
	}

	private OAuth2Authorization parseOnce(ResultSet rs, int rowNum) throws SQLException {
		String id = rs.getString(1);
		long version = rs.getLong(VERSION_INDEX);
		Parsed known = parsedById.get(id);
		if (known != null && known.version() == version) {
			return known.grant();
		}
		OAuth2Authorization parsed = asRead(parser.mapRow(rs, rowNum));
		remember(id, version, parsed);
		return parsed;
	}

	/** A grant as parsed from (or saved to) its row, and the row's version then. */
	private record Parsed(long version, OAuth2Authorization grant) {
	}

	/** What a token lookup reads first. */
	private record RowVersion(String id, long version) {
	}

	int parsedRows() {
		return parsedById.size();
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		forgetCodesReadThisRequest();
		StoredTokens read = authorization.getAttribute(READ);
		WrittenAttributes written = authorization.getAttribute(WRITTEN_ATTRIBUTES);
		OAuth2Authorization grant = RefreshTokenAbsoluteLifetime.stamped(read == null ? authorization
				: OAuth2Authorization.from(authorization).attributes(a -> a.keySet().removeAll(IN_MEMORY)).build(),
				clock.instant());
		List<SqlParameterValue> values = columnValues(grant, written);
		values.add(hash(grant.getAttribute(OAuth2ParameterNames.STATE)));
		values.add(hash(grant.getToken(OAuth2AuthorizationCode.class)));
		values.add(hash(grant.getToken(OAuth2AccessToken.class)));
		values.add(hash(grant.getToken(OidcIdToken.class)));
		values.add(hash(grant.getToken(OAuth2RefreshToken.class)));
		values.add(GrantPurgeTime.column(grant));
		long version = newVersion();
		values.add(new SqlParameterValue(Types.BIGINT, version));
		List<SqlParameterValue> updateOrder = new ArrayList<>(values.subList(1, values.size()));
		updateOrder.add(values.get(0));
		if (read == null) {
			savedUnread(values, updateOrder);
		}
		else if (!savedIfUnchanged(grant, read, updateOrder)) {
			revokeAfterLostRace(grant, read);
			return;
		}
		// A grant with a code or a refresh token will be looked up again soon (the code exchange, the
		// next refresh, userinfo): remembered under the version this save wrote, that lookup finds this
		// very object instead of parsing the JSON just written. Any later save, by any node, writes
		// another version, so nothing stale is served. (Until V24 the row was read back for its digest.)
		if (grant.getRefreshToken() != null || grant.getToken(OAuth2AuthorizationCode.class) != null) {
			remember(grant.getId(), version, OAuth2Authorization.from(asRead(grant))
				.attribute(WRITTEN_ATTRIBUTES, new WrittenAttributes(grant.getAttributes(), values.get(ATTRIBUTES_COLUMN)))
				.build());
		}
	}

	/**
	 * A row's next version. Random rather than counted, because nodes write rows without asking each
	 * other: two writes of one row share a version with a chance of 2^-64, and no one gains by guessing
	 * it (only the server writes rows).
	 */
	private static long newVersion() {
		return ThreadLocalRandom.current().nextLong();
	}

	/**
	 * The framework's column values of the grant. A refresh rewrites a row whose attributes (the
	 * signed-in principal and the original request, a few kB of JSON: most of the JSON a refresh
	 * writes) did not change: when they are the very objects this node wrote last time, that JSON is
	 * written again as it was instead of being serialised again. Only the state column is taken from
	 * the attributes besides.
	 */
	private List<SqlParameterValue> columnValues(OAuth2Authorization grant, WrittenAttributes written) {
		if (written == null || !written.holds(grant.getAttributes())) {
			return new ArrayList<>(getAuthorizationParametersMapper().apply(grant));
		}
		OAuth2Authorization withoutAttributes = OAuth2Authorization.from(grant)
			.attributes(a -> a.keySet().retainAll(STATE_ONLY))
			.build();
		List<SqlParameterValue> values = new ArrayList<>(getAuthorizationParametersMapper().apply(withoutAttributes));
		values.set(ATTRIBUTES_COLUMN, written.json());
		return values;
	}

	/**
	 * In-memory attribute of a grant this node saved: its attributes as saved and their column
	 * value. Never stored, like {@link #READ}.
	 */
	record WrittenAttributes(Map<String, Object> attributes, SqlParameterValue json) {

		/** Same names and the same objects: grants are immutable, so the same JSON. */
		boolean holds(Map<String, Object> now) {
			if (now.size() != attributes.size()) {
				return false;
			}
			for (Map.Entry<String, Object> entry : now.entrySet()) {
				if (attributes.get(entry.getKey()) != entry.getValue()) {
					return false;
				}
			}
			return true;
		}

	}

	/**
	 * A grant built without reading it is written whatever its row holds, as the framework does.
	 * Nearly always it is a new grant (a client_credentials token, a code, a pushed request: a fresh
	 * random id), so the INSERT comes first; only a grant saved over its own row without reading it
	 * (none of the framework's providers we use does that) meets the primary key and is written by
	 * the UPDATE. The other order bound and ran an UPDATE that found no row before every INSERT. A
	 * duplicate key fails the statement only, never a transaction around it (H2, MariaDB), and only
	 * the id is unique.
	 */
	private void savedUnread(List<SqlParameterValue> values, List<SqlParameterValue> updateOrder) {
		try {
			getJdbcOperations().update(INSERT, setter(values));
		}
		catch (DuplicateKeyException existing) {
			getJdbcOperations().update(UPDATE, setter(updateOrder));
		}
	}

	/**
	 * In one transaction: records the refresh token this save rotates out (if it does), then writes
	 * the row if it still holds the tokens that were read. A grant removed meanwhile (revoked,
	 * expired) stays removed.
	 */
	private boolean savedIfUnchanged(OAuth2Authorization grant, StoredTokens read, List<SqlParameterValue> updateOrder) {
		boolean rotates = read.refreshTokenHash() != null
				&& !read.refreshTokenHash().equals(StoredTokens.of(grant).refreshTokenHash());
		List<SqlParameterValue> conditional = new ArrayList<>(updateOrder);
		conditional.add(new SqlParameterValue(Types.VARCHAR, orEmpty(read.accessTokenHash())));
		conditional.add(new SqlParameterValue(Types.VARCHAR, orEmpty(read.refreshTokenHash())));
		try {
			return Boolean.TRUE.equals(transactions.execute(status -> {
				if (rotates) {
					history.record(read.refreshTokenHash(), grant.getId());
				}
				boolean saved = getJdbcOperations().update(UPDATE_IF_UNCHANGED, setter(conditional)) == 1;
				if (!saved) {
					status.setRollbackOnly();
				}
				return saved;
			}));
		}
		catch (DataIntegrityViolationException | ConcurrencyFailureException lost) {
			// The history's key: another request rotated this token first. Or a lock wait that ended
			// badly (a deadlock, a timeout, H2's "row changed by another transaction"): also a race lost.
			return false;
		}
	}

	/**
	 * Another request changed the grant between our read and our save. If this save issued tokens
	 * (redeemed the code, rotated the refresh token), the same code or refresh token was used twice:
	 * every token of the grant, the other request's included, is revoked, and this request is
	 * refused. A save that only marked tokens invalid (revocation, a refused replay) is not
	 * written over the newer row either; the grant is removed, which is what it asked for and more.
	 */
	private void revokeAfterLostRace(OAuth2Authorization grant, StoredTokens read) {
		remove(grant);
		boolean issuedTokens = !read.equals(StoredTokens.of(grant));
		log.warn("Grant {} of client {} was changed by a concurrent request ({}); revoked it", grant.getId(),
				grant.getRegisteredClientId(), issuedTokens ? "the same code or refresh token used twice" : "during an update");
		if (issuedTokens) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
					"The grant was used by another request at the same time and has been revoked", null));
		}
	}

	/** The grant as read from the store: with the hashes of the tokens its row holds. */
	private static OAuth2Authorization asRead(OAuth2Authorization grant) {
		return OAuth2Authorization.from(grant).attribute(READ, StoredTokens.of(grant)).build();
	}

	private static String orEmpty(String hash) {
		return hash == null ? "" : hash;
	}

	/** The hashes of a grant's access and refresh token, as in columns {@code *_token_hash}. */
	record StoredTokens(String accessTokenHash, String refreshTokenHash) {

		static StoredTokens of(OAuth2Authorization grant) {
			return new StoredTokens(hashOf(grant.getAccessToken()), hashOf(grant.getRefreshToken()));
		}

		private static String hashOf(OAuth2Authorization.Token<?> token) {
			return token == null ? null : sha256(token.getToken().getTokenValue());
		}

	}

	private void remember(String id, long version, OAuth2Authorization authorization) {
		if (parsedById.size() >= MAX_PARSED_ROWS) {
			parsedById.clear(); // rare: the next lookups parse again
		}
		parsedById.put(id, new Parsed(version, authorization));
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		forgetCodesReadThisRequest();
		super.remove(authorization);
		parsedById.remove(authorization.getId());
	}

	private void forgetCodesReadThisRequest() {
		if (codesThisRequest != null) {
			codesThisRequest.forget(CODES_REGION);
		}
	}

	/** The grant by id: one statement, parsed only if this node has not parsed the row at its version. */
	@Override
	public OAuth2Authorization findById(String id) {
		Assert.hasText(id, "id cannot be empty");
		return readWhole(id);
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		if (token == null || token.isEmpty()) {
			return null;
		}
		String column = tokenType == null ? null : switch (tokenType.getValue()) {
			case OAuth2ParameterNames.STATE -> "state_hash";
			case OAuth2ParameterNames.CODE -> "authorization_code_hash";
			case OAuth2ParameterNames.ACCESS_TOKEN -> "access_token_hash";
			case OidcParameterNames.ID_TOKEN -> "oidc_id_token_hash";
			case OAuth2ParameterNames.REFRESH_TOKEN -> "refresh_token_hash";
			default -> "";
		};
		if ("".equals(column)) {
			return super.findByToken(token, tokenType); // device and user codes: not issued by this server
		}
		String digest = sha256(token);
		SqlParameterValue hash = new SqlParameterValue(Types.VARCHAR, digest);
		if (codesThisRequest != null && "authorization_code_hash".equals(column)) {
			return codesThisRequest.find(CODES_REGION, digest,
					() -> findByHash(SELECT_VERSIONS + column + " = ?", hash, token, tokenType, null), grant -> List.of());
		}
		for (String probed : column == null ? ANY_KIND : List.of(column)) {
			OAuth2Authorization found = findByHash(SELECT_VERSIONS + probed + " = ?", hash, token, tokenType, null);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

	/**
	 * As {@code findByToken(token, ACCESS_TOKEN)}, reading {@code joined}'s row in the same statement
	 * (for userinfo: the account, which it reads next).
	 */
	public OAuth2Authorization findByAccessToken(String token, JoinedRead joined) {
		if (token == null || token.isEmpty()) {
			return null;
		}
		String sql = joinedSelects.computeIfAbsent(joined, j -> "SELECT g.id, g." + VERSION_COLUMN + ", " + j.columns()
				+ " FROM oauth2_authorization g " + j.join() + " WHERE g.access_token_hash = ?");
		return findByHash(sql, new SqlParameterValue(Types.VARCHAR, sha256(token)), token,
				OAuth2TokenType.ACCESS_TOKEN, joined);
	}

	/** {@code sql} selects id and version, then {@code joined}'s columns if any, by one token hash. */
	private OAuth2Authorization findByHash(String sql, SqlParameterValue hash, String token,
			OAuth2TokenType tokenType, JoinedRead joined) {
		List<RowVersion> rows = getJdbcOperations().query(sql, setter(List.of(hash)), (rs, rowNum) -> {
			if (joined != null) {
				joined.read(rs, 3);
			}
			return new RowVersion(rs.getString(1), rs.getLong(2));
		});
		for (RowVersion row : rows) {
			OAuth2Authorization grant = current(row);
			// The hash only narrows the search; the value itself decides (as in the framework's query).
			if (grant != null && holds(grant, token, tokenType)) {
				return grant;
			}
		}
		return null;
	}

	private static boolean holds(OAuth2Authorization authorization, String token, OAuth2TokenType tokenType) {
		boolean state = token.equals(authorization.getAttribute(OAuth2ParameterNames.STATE));
		if (tokenType != null && OAuth2ParameterNames.STATE.equals(tokenType.getValue())) {
			return state;
		}
		OAuth2Authorization.Token<?> held = authorization.getToken(token);
		return held != null || (tokenType == null && state);
	}

	private static SqlParameterValue hash(Object value) {
		String text = value instanceof OAuth2Authorization.Token<?> token ? token.getToken().getTokenValue()
				: (String) value;
		return new SqlParameterValue(Types.VARCHAR, text == null ? null : sha256(text));
	}

	static String sha256(String value) {
		return HexFormat.of().formatHex(sha256().digest(value.getBytes(StandardCharsets.UTF_8)));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	/** LOB columns get their bytes directly; everything else as Spring would bind it. */
	private static PreparedStatementSetter setter(List<SqlParameterValue> values) {
		return ps -> {
			for (int i = 0; i < values.size(); i++) {
				bind(ps, i + 1, values.get(i));
			}
		};
	}

	private static void bind(PreparedStatement ps, int index, SqlParameterValue value) throws SQLException {
		if (value.getSqlType() == Types.BLOB && value.getValue() instanceof byte[] bytes) {
			ps.setBytes(index, bytes);
		}
		else {
			StatementCreatorUtils.setParameterValue(ps, index, value, value.getValue());
		}
	}

}
