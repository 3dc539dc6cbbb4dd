package dev.smsauth.config;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Spring Session's registry ({@code SpringSessionBackedSessionRegistry}) with a cheaper
 * {@link #getAllSessions}: the sessions of a principal from the indexed {@code PRINCIPAL_NAME}
 * column, their ids and last access times only.
 *
 * <p>The authorization server asks for every session of the person at each code exchange (the
 * newest one gives the ID token its {@code sid}) and at RP-initiated logout (the one whose id
 * matches). The framework's registry loads every attribute of every one of those sessions and
 * deserializes each one's security context only to read the principal's name, which the row was
 * found by: with a person signed in from many browsers (or a benchmark signing one person in again
 * and again) that was 5–15 % of a sign-in's CPU beyond the password hash (docs/performance.md).
 *
 * <p>Same answer as the framework's: every row of the principal, whatever its expiry time (as
 * {@code findByPrincipalName} returns them), the principal as its name, the last access time as
 * the last request; {@link #getSessionInformation} likewise from the row found by session id. A
 * session marked expired through {@link SessionInformation#expireNow()} (its attribute is present)
 * is read through the framework's registry, so marking and reading it are the framework's own; so
 * are the other methods.
 */
final class IndexedSessionRegistry implements SessionRegistry {

	/**
	 * Spring Session's attribute for {@code expireNow()}, {@code SpringSessionBackedSessionInformation.EXPIRED_ATTR}
	 * (a package-private class; IndexedSessionRegistryTests checks the name against the framework's own marking).
	 */
	static final String EXPIRED_ATTRIBUTE = "org.springframework.session.security.SpringSessionBackedSessionInformation.EXPIRED";

	private static final String SESSIONS_OF_PRINCIPAL = "SELECT S.SESSION_ID, S.LAST_ACCESS_TIME, "
			+ "CASE WHEN SA.SESSION_PRIMARY_ID IS NULL THEN 0 ELSE 1 END FROM SPRING_SESSION S "
			+ "LEFT JOIN SPRING_SESSION_ATTRIBUTES SA ON SA.SESSION_PRIMARY_ID = S.PRIMARY_ID AND SA.ATTRIBUTE_NAME = ? "
			+ "WHERE S.PRINCIPAL_NAME = ?";

	/**
	 * The principal's most recently used session, and whether it is marked expired: the index on
	 * (PRINCIPAL_NAME, LAST_ACCESS_TIME DESC) (V22) gives it first, without reading the others; the
	 * ORDER BY names both columns so that H2 and MariaDB both read it in index order, and the mark is
	 * one primary-key probe (a NOT EXISTS made MariaDB materialize every session's marks).
	 */
	static final String NEWEST_SESSION_OF_PRINCIPAL = "SELECT S.SESSION_ID, S.LAST_ACCESS_TIME, "
			+ "CASE WHEN SA.SESSION_PRIMARY_ID IS NULL THEN 0 ELSE 1 END FROM SPRING_SESSION S "
			+ "LEFT JOIN SPRING_SESSION_ATTRIBUTES SA ON SA.SESSION_PRIMARY_ID = S.PRIMARY_ID AND SA.ATTRIBUTE_NAME = ? "
			+ "WHERE S.PRINCIPAL_NAME = ? ORDER BY S.PRINCIPAL_NAME, S.LAST_ACCESS_TIME DESC LIMIT 1";

	private static final String SESSION_BY_ID = "SELECT S.LAST_ACCESS_TIME, S.EXPIRY_TIME, S.PRINCIPAL_NAME, "
			+ "CASE WHEN SA.SESSION_PRIMARY_ID IS NULL THEN 0 ELSE 1 END FROM SPRING_SESSION S "
			+ "LEFT JOIN SPRING_SESSION_ATTRIBUTES SA ON SA.SESSION_PRIMARY_ID = S.PRIMARY_ID AND SA.ATTRIBUTE_NAME = ? "
			+ "WHERE S.SESSION_ID = ?";

	private final SessionRegistry framework;

	private final JdbcOperations jdbc;

	/** The code exchange's view ({@link #newestLiveSessionOnly()}): live sessions are asked for to pick the newest. */
	private final boolean newestLiveOnly;

	IndexedSessionRegistry(SessionRegistry framework, JdbcOperations jdbc) {
		this(framework, jdbc, false);
	}

	private IndexedSessionRegistry(SessionRegistry framework, JdbcOperations jdbc, boolean newestLiveOnly) {
		this.framework = framework;
		this.jdbc = jdbc;
		this.newestLiveOnly = newestLiveOnly;
	}

	@Override
	public List<Object> getAllPrincipals() {
		return framework.getAllPrincipals();
	}

	@Override
	public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
		return newestLiveOnly && !includeExpiredSessions ? newestLiveSession(principal)
				: allSessions(principal, includeExpiredSessions);
	}

	private List<SessionInformation> allSessions(Object principal, boolean includeExpiredSessions) {
		String name = name(principal);
		record Row(String sessionId, long lastAccess, boolean marked) {
		}
		List<Row> rows = jdbc.query(SESSIONS_OF_PRINCIPAL,
				(rs, rowNum) -> new Row(rs.getString(1), rs.getLong(2), rs.getInt(3) == 1), EXPIRED_ATTRIBUTE, name);
		List<SessionInformation> sessions = new ArrayList<>(rows.size());
		for (Row row : rows) {
			if (row.marked()) {
				// Rare (nothing here calls expireNow()): the framework reads its own mark.
				SessionInformation marked = framework.getSessionInformation(row.sessionId());
				if (marked != null && (includeExpiredSessions || !marked.isExpired())) {
					sessions.add(marked);
				}
			}
			else {
				sessions.add(new RowSessionInformation(name, row.sessionId(), new Date(row.lastAccess()), framework));
			}
		}
		return sessions;
	}

	/**
	 * This registry as the code exchange needs it: the authorization server's code provider asks for
	 * every live session of the person only to take the most recently used one for the ID token's
	 * {@code sid} (it sorts the list by last request and keeps the last). This view answers with that
	 * one session alone, found by an index, so a code exchange costs the same for a person with one
	 * session as for one signed in from a thousand browsers (a shared account, a kiosk, a load test:
	 * the whole list was read, row by row, at every sign-in). Everything else, and any call that asks
	 * for expired sessions too, is this registry's.
	 */
	SessionRegistry newestLiveSessionOnly() {
		return new IndexedSessionRegistry(framework, jdbc, true);
	}

	/** The newest live session of the principal, by the index, as the only element (or none). */
	private List<SessionInformation> newestLiveSession(Object principal) {
		String name = name(principal);
		record Row(String sessionId, long lastAccess, boolean marked) {
		}
		List<Row> newest = jdbc.query(NEWEST_SESSION_OF_PRINCIPAL,
				(rs, rowNum) -> new Row(rs.getString(1), rs.getLong(2), rs.getInt(3) == 1), EXPIRED_ATTRIBUTE, name);
		if (newest.isEmpty()) {
			return List.of();
		}
		Row row = newest.get(0);
		if (row.marked()) {
			// Rare (nothing here calls expireNow()): the newest live one from the whole list.
			return allSessions(principal, false).stream()
				.max(java.util.Comparator.comparing(SessionInformation::getLastRequest))
				.map(List::of)
				.orElse(List.of());
		}
		return List.of(new RowSessionInformation(name, row.sessionId(), new Date(row.lastAccess()), framework));
	}

	/**
	 * The code exchange's view of a registry ({@link #newestLiveSessionOnly()}), or the registry
	 * itself when it is not this class.
	 */
	static SessionRegistry forCodeExchange(SessionRegistry registry) {
		return registry instanceof IndexedSessionRegistry indexed ? indexed.newestLiveSessionOnly() : registry;
	}

	/**
	 * The session's row by its indexed id. The authorization server asks at every authorization
	 * code it issues for an OpenID request whether the signed-in session is known (and would
	 * register it if not, which Spring Session's registry does not need); the framework's answer
	 * loads every attribute of the session and deserializes its security context for the
	 * principal's name, the {@code PRINCIPAL_NAME} the row was saved with. An expired or marked
	 * session (both rare) is read through the framework's registry, which also deletes an expired one.
	 */
	@Override
	public SessionInformation getSessionInformation(String sessionId) {
		record Row(long lastAccess, long expiry, String principal, boolean marked) {
		}
		List<Row> rows = jdbc.query(SESSION_BY_ID,
				(rs, rowNum) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4) == 1),
				EXPIRED_ATTRIBUTE, sessionId);
		if (rows.isEmpty()) {
			return null;
		}
		Row row = rows.get(0);
		if (row.marked() || row.expiry() <= System.currentTimeMillis()) {
			return framework.getSessionInformation(sessionId);
		}
		// The framework's name for a session without one (not signed in) is "".
		String principal = row.principal() == null ? "" : row.principal();
		return new RowSessionInformation(principal, sessionId, new Date(row.lastAccess()), framework);
	}

	@Override
	public void refreshLastRequest(String sessionId) {
		framework.refreshLastRequest(sessionId);
	}

	@Override
	public void registerNewSession(String sessionId, Object principal) {
		framework.registerNewSession(sessionId, principal);
	}

	@Override
	public void removeSessionInformation(String sessionId) {
		framework.removeSessionInformation(sessionId);
	}

	/**
	 * The name Spring Session indexes a principal's sessions by: {@code SpringSessionBackedSessionRegistry}
	 * takes an authentication token's {@code getName()}, which is this.
	 */
	static String name(Object principal) {
		if (principal instanceof UserDetails user) {
			return user.getUsername();
		}
		if (principal instanceof AuthenticatedPrincipal authenticated) {
			return authenticated.getName();
		}
		if (principal instanceof Principal named) {
			return named.getName();
		}
		return principal == null ? "" : principal.toString();
	}

	/** A session read from its row; marking it expired goes through the framework's registry. */
	private static final class RowSessionInformation extends SessionInformation {

		private static final long serialVersionUID = 1L;

		private final transient SessionRegistry framework;

		RowSessionInformation(String principal, String sessionId, Date lastRequest, SessionRegistry framework) {
			super(principal, sessionId, lastRequest);
			this.framework = framework;
		}

		@Override
		public void expireNow() {
			SessionInformation stored = framework.getSessionInformation(getSessionId());
			if (stored != null) {
				stored.expireNow();
			}
			super.expireNow();
		}

	}

}
