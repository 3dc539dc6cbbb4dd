package dev.smsauth.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * The session repository as Spring Session's filter sees it: the JDBC store, except that a
 * session this request has already saved is not read back from the database by the same request.
 *
 * <p>Spring Session's filter saves the session when the response is committed and again when the
 * request ends, and each time it first clears what it knows of the requested session and so looks
 * it up again ({@code commitSession}, spring-projects/spring-session#1731): one more
 * {@code SELECT} of {@code SPRING_SESSION} and its attributes per page, redirect and form post,
 * whose answer only decides whether the session cookie is written again. Right after the save the
 * row holds exactly the session this request has in hand, so that is the answer; and when the save
 * gave the row a new id (a sign-in or a factor step renews it), the old id has no row any more,
 * so a lookup by it finds nothing, as the database would say. (Another request deleting the
 * session between this request's two saves, a sign-out in another tab, is not seen by that second
 * lookup; the framework's own answer would have changed nothing there either, since the filter
 * already knows the requested id was valid, and the next request reads the database.)
 *
 * <p>Nothing outlives the request: {@link #openRequest()} and {@link #closeRequest()} bracket it
 * ({@link SessionFilterReadingOnce}), and only the thread serving it sees what it saved. The first
 * lookup of every request, a lookup on any other thread, and every lookup outside the filter (the
 * session registry, the clean-up job) go to the database, so a session ended or changed by
 * another node is seen at the next request as before.
 */
final class SessionsSavedThisRequest<S extends Session> implements SessionRepository<S> {

	private final SessionRepository<S> sessions;

	private final ThreadLocal<ThisRequest<S>> thisRequest = new ThreadLocal<>();

	SessionsSavedThisRequest(SessionRepository<S> sessions) {
		this.sessions = sessions;
	}

	/** @return whether this call opened the request (false inside a nested error dispatch). */
	boolean openRequest() {
		if (thisRequest.get() != null) {
			return false;
		}
		thisRequest.set(new ThisRequest<>());
		return true;
	}

	void closeRequest() {
		thisRequest.remove();
	}

	@Override
	public S createSession() {
		return sessions.createSession();
	}

	@Override
	public void save(S session) {
		sessions.save(session);
		ThisRequest<S> request = thisRequest.get();
		if (request != null) {
			request.saved(session);
		}
	}

	@Override
	public S findById(String id) {
		ThisRequest<S> request = thisRequest.get();
		if (request != null) {
			if (request.retiredIds.contains(id)) {
				// The save gave that row a new id (sign-in, factor step): no session has this one now.
				return null;
			}
			S saved = request.saved.get(id);
			if (saved != null && id.equals(saved.getId()) && !saved.isExpired()) {
				return saved;
			}
		}
		S found = sessions.findById(id);
		if (request != null && found != null) {
			request.loadedAs.put(found, id);
		}
		return found;
	}

	@Override
	public void deleteById(String id) {
		ThisRequest<S> request = thisRequest.get();
		if (request != null) {
			request.saved.remove(id);
		}
		sessions.deleteById(id);
	}

	/** What this request read and wrote, for this request's thread only. */
	private static final class ThisRequest<S extends Session> {

		/** Sessions saved by this request, by the id they were stored under. */
		final Map<String, S> saved = new HashMap<>(2);

		/** The id each session was read by: a save under another id retires that one. */
		final Map<S, String> loadedAs = new IdentityHashMap<>(2);

		final Set<String> retiredIds = new HashSet<>(2);

		void saved(S session) {
			String id = session.getId();
			saved.put(id, session);
			String loadedId = loadedAs.get(session);
			if (loadedId != null && !loadedId.equals(id)) {
				retiredIds.add(loadedId);
				saved.remove(loadedId);
			}
		}

	}

}
