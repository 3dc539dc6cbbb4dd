package dev.smsauth.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.smsauth.config.LastAccessWrittenSparingly.SparingSession;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.SampleClients;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's last-access time reaches the store only when the stored one is {@code interval} old,
 * when the request is the authorization endpoint's, or when the row is written anyway; and the
 * whole server, on the real JDBC store, leaves the row alone for a page view and writes it for an
 * authorization request.
 */
class LastAccessWrittenSparinglyTests {

	/** Recent: the in-memory store forgets a session past its idle timeout. */
	private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).minusSeconds(120);

	private final MapSessionRepository store = new MapSessionRepository(new ConcurrentHashMap<>());

	private final LastAccessWrittenSparingly<MapSession> sessions = new LastAccessWrittenSparingly<>(store,
			Duration.ofSeconds(60));

	@Test
	void whenTheStoredTimeIsRecentThenTheNewOneIsReportedButNotStored() {
		String id = storedAt(T0);
		SparingSession<MapSession> session = accessedAt(sessions, id, T0.plusSeconds(59));

		assertThat(session.getLastAccessedTime()).isEqualTo(T0.plusSeconds(59));
		assertThat(store.findById(id).getLastAccessedTime()).isEqualTo(T0);
	}

	@Test
	void whenTheStoredTimeIsIntervalOldThenTheNewOneIsStored() {
		String id = storedAt(T0);
		accessedAt(sessions, id, T0.plusSeconds(60));

		assertThat(store.findById(id).getLastAccessedTime()).isEqualTo(T0.plusSeconds(60));
	}

	@Test
	void whenTheRequestWritesEveryAccessThenARecentTimeIsStoredToo() {
		String id = storedAt(T0);
		sessions.writeEveryAccessDuringThisRequest();
		accessedAt(sessions, id, T0.plusSeconds(1));
		sessions.endOfRequest();

		assertThat(store.findById(id).getLastAccessedTime()).isEqualTo(T0.plusSeconds(1));

		accessedAt(sessions, id, T0.plusSeconds(2));
		assertThat(store.findById(id).getLastAccessedTime()).as("after the request ended").isEqualTo(T0.plusSeconds(1));
	}

	@Test
	void whenTheRowIsWrittenAnywayThenTheTimeGoesWithIt() {
		String renewed = storedAt(T0);
		SparingSession<MapSession> session = sessions.findById(renewed);
		session.setLastAccessedTime(T0.plusSeconds(5));
		String newId = session.changeSessionId();
		sessions.save(session);
		assertThat(store.findById(newId).getLastAccessedTime()).isEqualTo(T0.plusSeconds(5));

		String signedIn = storedAt(T0);
		SparingSession<MapSession> other = sessions.findById(signedIn);
		other.setLastAccessedTime(T0.plusSeconds(6));
		other.setAttribute("SPRING_SECURITY_CONTEXT", "context");
		sessions.save(other);
		assertThat(store.findById(signedIn).getLastAccessedTime()).isEqualTo(T0.plusSeconds(6));
	}

	@Test
	void whenAnOrdinaryAttributeChangesThenTheTimeStaysAsStored() {
		String id = storedAt(T0);
		SparingSession<MapSession> session = sessions.findById(id);
		session.setLastAccessedTime(T0.plusSeconds(7));
		session.setAttribute("step", "sms");
		sessions.save(session);

		MapSession stored = store.findById(id);
		assertThat(stored.getLastAccessedTime()).isEqualTo(T0);
		assertThat((String) stored.getAttribute("step")).isEqualTo("sms");
	}

	@Test
	void whenTheClockWentBackThenTheTimeIsStored() {
		String id = storedAt(T0);
		accessedAt(sessions, id, T0.minusSeconds(1));

		assertThat(store.findById(id).getLastAccessedTime()).isEqualTo(T0.minusSeconds(1));
	}

	@Test
	void whenTheIntervalIsZeroThenEveryAccessIsStored() {
		LastAccessWrittenSparingly<MapSession> everyTime = new LastAccessWrittenSparingly<>(store, Duration.ZERO);
		String id = storedAt(T0);
		accessedAt(everyTime, id, T0.plusMillis(1));

		assertThat(store.findById(id).getLastAccessedTime()).isEqualTo(T0.plusMillis(1));
	}

	/** One request's access to the session at {@code at}, saved as Spring Session's filter saves it. */
	private static SparingSession<MapSession> accessedAt(LastAccessWrittenSparingly<MapSession> sessions, String id,
			Instant at) {
		SparingSession<MapSession> session = sessions.findById(id);
		session.setLastAccessedTime(at);
		sessions.save(session);
		return session;
	}

	private String storedAt(Instant lastAccess) {
		MapSession session = new MapSession();
		session.setCreationTime(lastAccess);
		session.setLastAccessedTime(lastAccess);
		session.setMaxInactiveInterval(Duration.ofMinutes(30));
		store.save(session);
		return session.getId();
	}

	@Nested
	@AuthServerTest
	class OnTheServer {

		@LocalServerPort
		int port;

		@Autowired
		JdbcTemplate jdbc;

		@Autowired
		RegisteredClientRepository clients;

		@Test
		void whenAPageIsViewedAgainThenTheRowIsLeftAloneAndAnAuthorizationRequestWritesIt() throws Exception {
			RegisteredClient client = SampleClients.client("sparing-" + UUID.randomUUID(), false);
			clients.save(client);
			TestBrowser browser = new TestBrowser("http://localhost:" + port);
			browser.get("/login");
			String sessionId = new String(Base64.getDecoder().decode(browser.cookie("SMSAUTH_SESSION")),
					StandardCharsets.UTF_8);
			long created = lastAccess(sessionId);

			Thread.sleep(20);
			assertThat(browser.get("/login").status()).isEqualTo(200);
			assertThat(lastAccess(sessionId)).as("a second page view").isEqualTo(created);

			Thread.sleep(20);
			var signInPage = browser.get("/oauth2/authorize?response_type=code&client_id=" + client.getClientId()
					+ "&redirect_uri=https://app.example/callback&scope=openid&state=s");
			assertThat(signInPage.isSignInPage()).isTrue();
			assertThat(lastAccess(sessionId)).as("the authorization request").isGreaterThan(created);
		}

		private long lastAccess(String sessionId) {
			return jdbc.queryForObject("SELECT LAST_ACCESS_TIME FROM SPRING_SESSION WHERE SESSION_ID = ?", Long.class,
					sessionId);
		}

	}

}
