package dev.smsauth.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * The session store as Spring Session's filter sees it, except that a request whose only change to
 * the session is its last-access time does not write that time when the stored one is less than
 * {@code interval} old.
 *
 * <p>Spring Session sets the last-access time at every request that touches the session, and its
 * JDBC store then updates the session's row (and two of its indexes) even when nothing else
 * changed: 8 of an SMS sign-in's 11 requests, about 4 % of its CPU beyond the password hash
 * (docs/performance.md). The stored time decides two things, and both stay as they were:
 * <ul>
 * <li><b>Expiry.</b> A person who keeps using the session has its time written at least every
 * {@code interval}, so the session expires at most that much before its idle timeout.</li>
 * <li><b>The ID token's {@code sid} and {@code auth_time}.</b> At the code exchange the framework
 * takes the person's most recently used session (IndexedSessionRegistry). Requests to the
 * authorization endpoint, where codes are issued, always write the time ({@link #writeEveryAccessDuringThisRequest}),
 * so that session is still the newest; a page viewed meanwhile in another browser now counts less,
 * which only makes the framework's pick more often the session that asked for the code.</li>
 * </ul>
 * A request that writes the session's row anyway (a new id at sign-in or after a factor, the
 * security context, the principal, the timeout) writes the current time with it.
 */
final class LastAccessWrittenSparingly<S extends Session>
		implements SessionRepository<LastAccessWrittenSparingly.SparingSession<S>> {

	/**
	 * The attributes whose change makes Spring Session's JDBC session rewrite its row ({@code
	 * JdbcSession.setAttribute}): the principal's name is a column.
	 */
	private static final Set<String> ROW_ATTRIBUTES = Set.of(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME,
			"SPRING_SECURITY_CONTEXT");

	private final SessionRepository<S> sessions;

	private final Duration interval;

	private final ThreadLocal<Boolean> everyAccess = new ThreadLocal<>();

	LastAccessWrittenSparingly(SessionRepository<S> sessions, Duration interval) {
		this.sessions = sessions;
		this.interval = interval;
	}

	/**
	 * Until {@link #endOfRequest()}, this thread's request writes the last-access time of its session
	 * whatever its age (the authorization endpoint's requests).
	 */
	void writeEveryAccessDuringThisRequest() {
		everyAccess.set(Boolean.TRUE);
	}

	void endOfRequest() {
		everyAccess.remove();
	}

	@Override
	public SparingSession<S> createSession() {
		return new SparingSession<>(sessions.createSession(), this);
	}

	@Override
	public void save(SparingSession<S> session) {
		sessions.save(session.stored);
	}

	@Override
	public SparingSession<S> findById(String id) {
		S found = sessions.findById(id);
		return found == null ? null : new SparingSession<>(found, this);
	}

	@Override
	public void deleteById(String id) {
		sessions.deleteById(id);
	}

	private boolean worthWriting(Instant stored, Instant now) {
		return Boolean.TRUE.equals(everyAccess.get()) || stored == null
				|| Duration.between(stored, now).compareTo(interval) >= 0 || now.isBefore(stored);
	}

	/** A stored session whose last-access time is passed on only when worth writing. */
	static final class SparingSession<S extends Session> implements Session {

		private final S stored;

		private final LastAccessWrittenSparingly<S> owner;

		/** The time of this request, when not passed on: reported as the last access, written only with the row. */
		private Instant unwritten;

		private SparingSession(S stored, LastAccessWrittenSparingly<S> owner) {
			this.stored = stored;
			this.owner = owner;
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			if (owner.worthWriting(stored.getLastAccessedTime(), lastAccessedTime)) {
				stored.setLastAccessedTime(lastAccessedTime);
				unwritten = null;
			}
			else {
				unwritten = lastAccessedTime;
			}
		}

		@Override
		public Instant getLastAccessedTime() {
			return unwritten != null ? unwritten : stored.getLastAccessedTime();
		}

		@Override
		public String changeSessionId() {
			rowWrittenAnyway();
			return stored.changeSessionId();
		}

		@Override
		public void setAttribute(String attributeName, Object attributeValue) {
			stored.setAttribute(attributeName, attributeValue);
			if (ROW_ATTRIBUTES.contains(attributeName)) {
				rowWrittenAnyway();
			}
		}

		@Override
		public void removeAttribute(String attributeName) {
			stored.removeAttribute(attributeName);
			if (ROW_ATTRIBUTES.contains(attributeName)) {
				rowWrittenAnyway();
			}
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			rowWrittenAnyway();
			stored.setMaxInactiveInterval(interval);
		}

		private void rowWrittenAnyway() {
			if (unwritten != null) {
				stored.setLastAccessedTime(unwritten);
				unwritten = null;
			}
		}

		@Override
		public String getId() {
			return stored.getId();
		}

		@Override
		public <T> T getAttribute(String attributeName) {
			return stored.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return stored.getAttributeNames();
		}

		@Override
		public Instant getCreationTime() {
			return stored.getCreationTime();
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return stored.getMaxInactiveInterval();
		}

		/** By the stored time, as the store and its clean-up judge it. */
		@Override
		public boolean isExpired() {
			return stored.isExpired();
		}

	}

}
