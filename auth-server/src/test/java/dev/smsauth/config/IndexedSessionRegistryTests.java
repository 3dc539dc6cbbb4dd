package dev.smsauth.config;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.smsauth.support.AuthServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.User;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry the authorization server asks for a person's sessions (code exchange: {@code sid};
 * RP-initiated logout) answers what Spring Session's own registry answers, from the rows alone.
 */
@AuthServerTest
class IndexedSessionRegistryTests {

	// Raw: Spring Session JDBC's session class is not public.
	@SuppressWarnings("rawtypes")
	@Autowired
	FindByIndexNameSessionRepository sessions;

	@Autowired
	SessionRegistry registry;

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	@Test
	void whenAPersonHasSeveralSessionsThenTheyAreListedAsTheFrameworkListsThem() {
		String person = "person-" + UUID.randomUUID();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		String older = signedIn(person, now.minusSeconds(60));
		String newer = signedIn(person, now);
		signedIn("someone-else-" + UUID.randomUUID(), now);

		List<SessionInformation> ours = registry.getAllSessions(person, false);

		assertThat(registry).isInstanceOf(IndexedSessionRegistry.class);
		assertThat(described(ours)).containsExactlyInAnyOrderElementsOf(described(framework().getAllSessions(person, false)));
		assertThat(described(ours)).containsExactlyInAnyOrder(person + " " + older + " " + now.minusSeconds(60) + " live",
				person + " " + newer + " " + now + " live");
	}

	@Test
	void whenThePrincipalIsUserDetailsThenItsUsernameFindsTheSessions() {
		String person = "person-" + UUID.randomUUID();
		String id = signedIn(person, Instant.now());
		User details = new User(person, "unused", List.of());

		assertThat(registry.getAllSessions(details, false)).extracting(SessionInformation::getSessionId).containsExactly(id);
		assertThat(described(registry.getAllSessions(details, false)))
			.isEqualTo(described(framework().getAllSessions(details, false)));
	}

	@Test
	void whenASessionIsMarkedExpiredThenItIsLeftOutUnlessAskedForAsTheFrameworkDoes() {
		String person = "person-" + UUID.randomUUID();
		String marked = signedIn(person, Instant.now());
		String live = signedIn(person, Instant.now());
		framework().getSessionInformation(marked).expireNow();

		assertThat(registry.getAllSessions(person, false)).extracting(SessionInformation::getSessionId).containsExactly(live);
		assertThat(described(registry.getAllSessions(person, true)))
			.containsExactlyInAnyOrderElementsOf(described(framework().getAllSessions(person, true)));
		assertThat(registry.getAllSessions(person, true)).filteredOn(SessionInformation::isExpired)
			.extracting(SessionInformation::getSessionId)
			.containsExactly(marked);
	}

	@Test
	void whenOursIsMarkedExpiredThenTheFrameworkSeesTheMark() {
		String person = "person-" + UUID.randomUUID();
		String id = signedIn(person, Instant.now());

		registry.getAllSessions(person, false).get(0).expireNow();

		assertThat(framework().getSessionInformation(id).isExpired()).isTrue();
		assertThat(registry.getAllSessions(person, false)).isEmpty();
	}

	@Test
	void whenASessionIsLookedUpByIdThenTheAnswerIsTheFrameworks() {
		String person = "person-" + UUID.randomUUID();
		Instant lastAccess = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
		String signedIn = signedIn(person, lastAccess);
		String anonymous = anonymous();
		String marked = signedIn(person, Instant.now());
		framework().getSessionInformation(marked).expireNow();

		for (String id : List.of(signedIn, anonymous, marked)) {
			assertThat(described(List.of(registry.getSessionInformation(id))))
				.isEqualTo(described(List.of(framework().getSessionInformation(id))));
		}
		assertThat(described(List.of(registry.getSessionInformation(signedIn))))
			.containsExactly(person + " " + signedIn + " " + lastAccess + " live");
		assertThat(registry.getSessionInformation(anonymous).getPrincipal()).isEqualTo("");
		assertThat(registry.getSessionInformation(marked).isExpired()).isTrue();
		assertThat(registry.getSessionInformation("no-such-session-" + UUID.randomUUID())).isNull();
	}

	@Test
	void whenASessionHasTimedOutThenItIsNotFoundByIdAsTheFrameworkSays() {
		String person = "person-" + UUID.randomUUID();
		String timedOut = signedIn(person, Instant.now().minus(2, ChronoUnit.DAYS));

		assertThat(registry.getSessionInformation(timedOut)).isNull();
		assertThat(framework().getSessionInformation(timedOut)).isNull();
	}

	@Test
	void whenTheCodeExchangeAsksForAPersonsSessionsThenItGetsTheOneTheFrameworkWouldPick() {
		String person = "person-" + UUID.randomUUID();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		for (int i = 5; i > 0; i--) {
			signedIn(person, now.minusSeconds(60L * i));
		}
		String newest = signedIn(person, now);
		signedIn(person, now.minusSeconds(30));
		signedIn("someone-else-" + UUID.randomUUID(), now.plusSeconds(5));

		List<SessionInformation> answer = IndexedSessionRegistry.forCodeExchange(registry).getAllSessions(person, false);

		assertThat(answer).extracting(SessionInformation::getSessionId).containsExactly(newest);
		assertThat(described(answer)).containsExactly(newestAsTheProviderPicksIt(framework().getAllSessions(person, false)));
	}

	@Test
	void whenThePersonsNewestSessionIsMarkedExpiredThenTheCodeExchangeGetsTheNextOne() {
		String person = "person-" + UUID.randomUUID();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		String older = signedIn(person, now.minusSeconds(60));
		String newest = signedIn(person, now);
		framework().getSessionInformation(newest).expireNow();
		SessionRegistry codeExchange = IndexedSessionRegistry.forCodeExchange(registry);

		assertThat(codeExchange.getAllSessions(person, false)).extracting(SessionInformation::getSessionId)
			.containsExactly(older);
		assertThat(described(codeExchange.getAllSessions(person, false)))
			.containsExactly(newestAsTheProviderPicksIt(framework().getAllSessions(person, false)));
		// Asked for expired sessions too, it answers as the registry itself does: all of them.
		assertThat(described(codeExchange.getAllSessions(person, true)))
			.containsExactlyInAnyOrderElementsOf(described(registry.getAllSessions(person, true)));
	}

	@Test
	void theCodeExchangesSessionIsReadInIndexOrderNotSorted() {
		String plan = String.join("\n", jdbc.queryForList("EXPLAIN " + IndexedSessionRegistry.NEWEST_SESSION_OF_PRINCIPAL,
				String.class, IndexedSessionRegistry.EXPIRED_ATTRIBUTE, "someone"));

		assertThat(plan).contains("SPRING_SESSION_IX4").contains("/* index sorted */");
	}

	@Test
	void whenAPersonHasNoSessionThenTheCodeExchangeGetsNone() {
		assertThat(IndexedSessionRegistry.forCodeExchange(registry).getAllSessions("nobody-" + UUID.randomUUID(), false))
			.isEmpty();
	}

	/** What OAuth2AuthorizationCodeAuthenticationProvider does with the list: sort by last request, keep the last. */
	private static String newestAsTheProviderPicksIt(List<SessionInformation> sessions) {
		return described(sessions.stream().sorted(java.util.Comparator.comparing(SessionInformation::getLastRequest)).toList())
			.get(sessions.size() - 1);
	}

	@SuppressWarnings("unchecked")
	private String anonymous() {
		Session session = sessions.createSession();
		session.setAttribute("some-page-state", "value");
		sessions.save(session);
		return session.getId();
	}

	@SuppressWarnings("unchecked")
	private SessionRegistry framework() {
		return new SpringSessionBackedSessionRegistry<>(sessions);
	}

	/** A session signed in as {@code principal}, last used at {@code lastAccess}; its id. */
	@SuppressWarnings("unchecked")
	private String signedIn(String principal, Instant lastAccess) {
		Session session = sessions.createSession();
		session.setAttribute("SPRING_SECURITY_CONTEXT",
				new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of())));
		session.setLastAccessedTime(lastAccess);
		sessions.save(session);
		return session.getId();
	}

	private static List<String> described(List<SessionInformation> infos) {
		return infos.stream()
			.map(info -> info.getPrincipal() + " " + info.getSessionId() + " " + info.getLastRequest().toInstant() + " "
					+ (info.isExpired() ? "expired" : "live"))
			.toList();
	}

}
