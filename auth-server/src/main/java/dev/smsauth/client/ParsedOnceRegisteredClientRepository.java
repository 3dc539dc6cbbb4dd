package dev.smsauth.client;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.smsauth.web.ReadsThisRequest;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The registered-client repository every endpoint uses. Clients are read on almost every request
 * (client authentication, each stored authorization, the MFA check), and turning a row into a
 * {@link RegisteredClient} means parsing two JSON documents. So the row is still read from the
 * database every time — another node may have just changed it, and an administrator's change must
 * take effect at the very next sign-in — but a row whose columns are all unchanged is not parsed again.
 *
 * <p>Within one request a client is read once ({@link ReadsThisRequest}, when given): the
 * request's later lookups of it, by either id, are answered with what its first one read, and a
 * {@link #save} forgets them.
 *
 * <p>Ids that cannot exist (blank or longer than the column) are answered with {@code null} here
 * rather than by the parent's assertion, which would surface as a 500 on hostile input.
 */
public class ParsedOnceRegisteredClientRepository extends JdbcRegisteredClientRepository {

	/** Bounds the memory held by old versions of changed rows; far above any real number of clients. */
	static final int MAX_CACHED_ROWS = 2_000;

	private static final int ID_COLUMN_LENGTH = 100;

	private final Map<List<Object>, RegisteredClient> parsedByRow = new ConcurrentHashMap<>();

	/** This repository's region of {@link ReadsThisRequest}. */
	static final String REGION = "registered_client";

	private final ReadsThisRequest thisRequest;

	/** Without a per-request memo: every lookup reads the row. */
	public ParsedOnceRegisteredClientRepository(JdbcOperations jdbc) {
		this(jdbc, new ReadsThisRequest());
	}

	public ParsedOnceRegisteredClientRepository(JdbcOperations jdbc, ReadsThisRequest thisRequest) {
		super(jdbc);
		this.thisRequest = thisRequest;
		RowMapper<RegisteredClient> parser = getRegisteredClientRowMapper();
		setRegisteredClientRowMapper((rs, rowNum) -> parseOnce(rs, rowNum, parser));
	}

	@Override
	public RegisteredClient findById(String id) {
		return possible(id) ? thisRequest.find(REGION, "id:" + id, () -> super.findById(id), ParsedOnceRegisteredClientRepository::keys) : null;
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return possible(clientId)
				? thisRequest.find(REGION, "client_id:" + clientId, () -> super.findByClientId(clientId), ParsedOnceRegisteredClientRepository::keys)
				: null;
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		thisRequest.forget(REGION);
		super.save(registeredClient);
	}

	/** Drops this request's reads of clients: the caller changed the table by other means (the API's DELETE). */
	public void forgetReadsOfThisRequest() {
		thisRequest.forget(REGION);
	}

	private static List<String> keys(RegisteredClient client) {
		return List.of("id:" + client.getId(), "client_id:" + client.getClientId());
	}

	int cachedRows() {
		return parsedByRow.size();
	}

	private RegisteredClient parseOnce(ResultSet rs, int rowNum, RowMapper<RegisteredClient> parser)
			throws SQLException {
		// Every column the framework's query selects, by position: reading them by name made H2 build
		// a name-to-index map for each result set, a twentieth of an introspection's CPU. Timestamps
		// as values: as text, MySQL's driver formats each one with String.format.
		ResultSetMetaData metadata = rs.getMetaData();
		int columns = metadata.getColumnCount();
		List<Object> row = new ArrayList<>(columns);
		for (int i = 1; i <= columns; i++) {
			row.add(metadata.getColumnType(i) == Types.TIMESTAMP ? rs.getObject(i, LocalDateTime.class) : rs.getString(i));
		}
		RegisteredClient parsed = parsedByRow.get(row);
		if (parsed != null) {
			return parsed;
		}
		parsed = parser.mapRow(rs, rowNum);
		if (parsedByRow.size() >= MAX_CACHED_ROWS) {
			parsedByRow.clear(); // rare: only after thousands of edits; the next reads parse again
		}
		parsedByRow.put(row, parsed);
		return parsed;
	}

	private static boolean possible(String id) {
		return id != null && !id.isBlank() && id.length() <= ID_COLUMN_LENGTH;
	}

}
