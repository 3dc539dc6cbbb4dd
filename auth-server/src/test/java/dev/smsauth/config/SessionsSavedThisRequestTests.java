package dev.smsauth.config;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Spring Session's filter is answered without a query: only the session this request saved
 * (under the id it was saved with), and "none" for the id that save retired; everything else, and
 * everything after the request, comes from the store. The store here is Spring Session's in-memory
 * one behind a recorder of the lookups that reach it.
 */
class SessionsSavedThisRequestTests {

	private final RecordingStore store = new RecordingStore();

	private final SessionsSavedThisRequest<MapSession> sessions = new SessionsSavedThisRequest<>(store);

	@Test
	void whenARequestLooksUpTheSessionItSavedThenTheStoreIsNotAskedAgain() {
		String id = stored();
		sessions.openRequest();
		MapSession loaded = sessions.findById(id);
		loaded.setAttribute("step", "sms");
		sessions.save(loaded);

		assertThat(sessions.findById(id)).isSameAs(loaded);
		assertThat(store.lookups).containsExactly(id);
	}

	@Test
	void whenTheSaveRenewedTheIdThenTheOldIdFindsNothingAndTheNewOneTheSession() {
		String oldId = stored();
		sessions.openRequest();
		MapSession loaded = sessions.findById(oldId);
		String newId = loaded.changeSessionId();
		sessions.save(loaded);

		assertThat(sessions.findById(oldId)).isNull();
		assertThat(store.findById(oldId)).as("what the store itself says").isNull();
		assertThat(sessions.findById(newId)).isSameAs(loaded);
		assertThat(store.lookups).containsExactly(oldId, oldId);
	}

	@Test
	void whenTheIdChangedAfterTheSaveThenTheStoreAnswers() {
		String id = stored();
		sessions.openRequest();
		MapSession loaded = sessions.findById(id);
		sessions.save(loaded);
		loaded.changeSessionId();

		assertThat(sessions.findById(id)).isNotNull().isNotSameAs(loaded);
		assertThat(store.lookups).containsExactly(id, id);
	}

	@Test
	void whenTheRequestEndedOrNeverOpenedThenEveryLookupGoesToTheStore() {
		String id = stored();
		MapSession outside = sessions.findById(id);
		sessions.save(outside);
		sessions.findById(id);
		sessions.openRequest();
		sessions.save(sessions.findById(id));
		sessions.closeRequest();
		sessions.findById(id);

		assertThat(store.lookups).containsExactly(id, id, id, id);
	}

	@Test
	void whenTheSessionIsDeletedThenItIsNotFound() {
		String id = stored();
		sessions.openRequest();
		MapSession loaded = sessions.findById(id);
		sessions.save(loaded);
		sessions.deleteById(id);

		assertThat(sessions.findById(id)).isNull();
	}

	@Test
	void whenAnotherThreadLooksUpThenItAsksTheStore() throws Exception {
		String id = stored();
		sessions.openRequest();
		sessions.save(sessions.findById(id));
		Thread other = new Thread(() -> sessions.findById(id));
		other.start();
		other.join();

		assertThat(store.lookups).containsExactly(id, id);
	}

	@Test
	void whenANestedDispatchOpensAgainThenOnlyTheOutermostCloses() {
		assertThat(sessions.openRequest()).isTrue();
		assertThat(sessions.openRequest()).isFalse();
		sessions.closeRequest();
		assertThat(sessions.openRequest()).isTrue();
		sessions.closeRequest();
	}

	private String stored() {
		MapSession session = store.createSession();
		store.save(session);
		store.lookups.clear();
		return session.getId();
	}

	/** Spring Session's map store, recording the ids it is asked for. */
	private static final class RecordingStore implements SessionRepository<MapSession> {

		final MapSessionRepository map = new MapSessionRepository(new ConcurrentHashMap<>());

		final List<String> lookups = new ArrayList<>();

		@Override
		public MapSession createSession() {
			return map.createSession();
		}

		@Override
		public void save(MapSession session) {
			map.save(session);
		}

		@Override
		public synchronized MapSession findById(String id) {
			lookups.add(id);
			return map.findById(id);
		}

		@Override
		public void deleteById(String id) {
			map.deleteById(id);
		}

	}

}
