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
 * <p>Ids that cannot exist (blank or longer than the column) are answered with {@code null} here
 * rather than by the parent's assertion, which would surface as a 500 on hostile input.
 */
public class ParsedOnceRegisteredClientRepository extends JdbcRegisteredClientRepository {

	/** Bounds the memory held by old versions of changed rows; far above any real number of clients. */
	static final int MAX_CACHED_ROWS = 2_000;

	private static final int ID_COLUMN_LENGTH = 100;

	private final Map<List<Object>, RegisteredClient> parsedByRow = new ConcurrentHashMap<>();

	public ParsedOnceRegisteredClientRepository(JdbcOperations jdbc) {
		super(jdbc);
		RowMapper<RegisteredClient> parser = getRegisteredClientRowMapper();
		setRegisteredClientRowMapper((rs, rowNum) -> parseOnce(rs, rowNum, parser));
	}

	@Override
	public RegisteredClient findById(String id) {
		return possible(id) ? super.findById(id) : null;
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return possible(clientId) ? super.findByClientId(clientId) : null;
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
