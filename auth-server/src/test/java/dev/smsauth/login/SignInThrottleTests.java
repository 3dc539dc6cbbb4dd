package dev.smsauth.login;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.MutableClock;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing is bounded: progressive delay, then a lock of that IP on that account, a
 * per-IP limit across accounts and a per-account limit across IPs, all counted in the database
 * and all ending with their window, so an attacker can not lock the owner out for longer.
 */
@AuthServerTest
class SignInThrottleTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	SignInThrottle throttle;

	@Autowired
	JdbcTemplate jdbc;

	ManagementClient api;

	@BeforeEach
	void setUp() {
		clock.reset();
		// Far from the real time other tests use, at a whole hour (a fixed window would start here:
		// the limits are sliding windows, so nothing may change at this boundary).
		clock.advance(Duration.ofDays(30));
		long windowSeconds = Duration.ofHours(1).toSeconds();
		long intoWindow = clock.instant().getEpochSecond() % windowSeconds;
		clock.advance(Duration.ofSeconds(windowSeconds - intoWindow + 1).minusNanos(clock.instant().getNano()));
		api = new ManagementClient("http://localhost:" + port);
	}

	@Test
	void whenGuessingOverHttpThenDelayThenLockEvenForTheRightPasswordThenWindowEndFreesIt() {
		api.createUser("guessed", null, "the-right-password");
		TestBrowser browser = new TestBrowser("http://localhost:" + port);
		for (int i = 0; i < 3; i++) {
			assertThat(signIn(browser, "guessed", "wrong-" + i)).isEqualTo("/login?error");
		}
		// The fourth try comes too fast: refused before the password is checked.
		assertThat(signIn(browser, "guessed", "the-right-password")).isEqualTo("/login?error=throttled");
		assertThat(browser.get("/login?error=throttled").alerts()).contains("Too many sign-in attempts");
		clock.advance(Duration.ofSeconds(2));
		assertThat(signIn(browser, "guessed", "wrong-3")).isEqualTo("/login?error");
		clock.advance(Duration.ofSeconds(3));
		assertThat(signIn(browser, "guessed", "wrong-4")).isEqualTo("/login?error");
		// Five failures from this IP: this IP is locked out of this account for the window.
		clock.advance(Duration.ofMinutes(1));
		assertThat(signIn(browser, "guessed", "the-right-password")).isEqualTo("/login?error=throttled");
		clock.advance(Duration.ofMinutes(15));
		assertThat(signIn(browser, "guessed", "the-right-password")).isEqualTo("/oauth2/authorize-or-home");
	}

	@Test
	void whenOneIpIsLockedOutOfAnAccountThenTheOwnerElsewhereIsNot() {
		for (int i = 0; i < 5; i++) {
			clock.advance(Duration.ofMinutes(1));
			throttle.reserve("owner@example.com", "203.0.113.7");
		}
		assertThat(throttle.reserve("owner@example.com", "203.0.113.7").refusal()).isPresent();
		assertThat(throttle.reserve("owner@example.com", "198.51.100.20").refusal()).isEmpty();
		assertThat(throttle.reserve("OWNER@example.com ", "203.0.113.7").refusal()).as("same account, typed differently")
			.isPresent();
	}

	@Test
	void whenOneIpSpraysManyAccountsThenThatIpIsStopped() {
		for (int i = 0; i < 30; i++) {
			throttle.reserve("spray-" + i, "203.0.113.99");
		}
		assertThat(throttle.reserve("someone-else", "203.0.113.99").refusal()).isPresent();
		assertThat(throttle.reserve("someone-else", "203.0.113.100").refusal()).isEmpty();
	}

	@Test
	void whenManyIpsGuessOneAccountThenItLocksUntilTheHourEndsAndNoLonger() {
		for (int i = 0; i < 100; i++) {
			throttle.reserve("+1 415 555 0700", "198.18.0." + i);
		}
		assertThat(throttle.reserve("+14155550700", "192.0.2.1").refusal()).as("phone typed another way").isPresent();
		clock.advance(Duration.ofHours(1));
		assertThat(throttle.reserve("+14155550700", "192.0.2.1").refusal()).isEmpty();
	}

	@Test
	void whenIdentifierIsUnknownThenTreatedExactlyLikeAKnownOne() {
		api.createUser("known-one", null, "known-password-1");
		for (int i = 0; i < 3; i++) {
			throttle.reserve("known-one", "192.0.2.50");
			throttle.reserve("nobody-here", "192.0.2.50");
		}
		assertThat(throttle.reserve("known-one", "192.0.2.50").refusal()).isPresent();
		assertThat(throttle.reserve("nobody-here", "192.0.2.50").refusal()).isPresent();
		// No typed identifier is stored: buckets hold a hash.
		assertThat(jdbc.queryForList("SELECT bucket FROM rate_limit_counter UNION SELECT bucket FROM rate_limit_hit", String.class))
			.isNotEmpty()
			.noneMatch(bucket -> bucket.contains("known-one") || bucket.contains("nobody-here"));
	}

	@Test
	void whenUnknownDisabledAndExistingAccountsAreGuessedThenTheSameAnswersAndTheSameCounts() {
		api.createUser("counted-existing", null, "counted-password-1");
		disable(api.createUser("counted-disabled", null, "counted-password-2"));
		List<String> identifiers = List.of("counted-existing", "counted-disabled", "counted-nobody");
		TestBrowser browser = new TestBrowser("http://localhost:" + port);

		Map<String, List<String>> answers = new LinkedHashMap<>();
		for (int i = 0; i < 3; i++) {
			for (String identifier : identifiers) {
				String answer = signIn(browser, identifier, "wrong-" + i);
				answers.computeIfAbsent(identifier, k -> new ArrayList<>()).add(answer + " " + alerts(browser, answer));
			}
		}
		Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
		identifiers.forEach(identifier -> counts.put(identifier, failuresCounted(identifier)));

		assertThat(answers.values()).as("page answers").allMatch(answers.get("counted-existing")::equals);
		assertThat(answers.get("counted-existing")).allMatch(answer -> answer.startsWith("/login?error "));
		assertThat(counts.values()).as("throttle state").allMatch(counts.get("counted-existing")::equals);
		assertThat(counts.get("counted-existing")).as("per account, and per account and IP")
			.isEqualTo(Map.of("signin:acct:*", 3, "signin:acct-ip:*", 3));
		// And so the same limit: the next try comes too fast for each of them, the right password included.
		assertThat(signIn(browser, "counted-existing", "counted-password-1")).isEqualTo("/login?error=throttled");
		assertThat(signIn(browser, "counted-disabled", "counted-password-2")).isEqualTo("/login?error=throttled");
		assertThat(signIn(browser, "counted-nobody", "counted-password-1")).isEqualTo("/login?error=throttled");
	}

	@Test
	void whenADisabledAccountIsGivenItsRightPasswordThenTheAnswerOfAWrongOneAndItCounts() {
		disable(api.createUser("disabled-right", null, "disabled-right-password"));
		api.createUser("enabled-wrong", null, "enabled-wrong-password");
		TestBrowser browser = new TestBrowser("http://localhost:" + port);

		String disabled = signIn(browser, "disabled-right", "disabled-right-password");
		String disabledPage = alerts(browser, disabled);
		String wrong = signIn(browser, "enabled-wrong", "not-the-password");

		assertThat(disabled).isEqualTo(wrong).isEqualTo("/login?error");
		assertThat(disabledPage).isEqualTo(alerts(browser, wrong)).isNotBlank().doesNotContainIgnoringCase("disabled");
		assertThat(failuresCounted("disabled-right")).as("the slot is not given back")
			.isEqualTo(failuresCounted("enabled-wrong"))
			.isEqualTo(Map.of("signin:acct:*", 1, "signin:acct-ip:*", 1));
	}

	private void disable(JsonNode user) {
		assertThat(api.call("PATCH", "/api/v1/users/" + user.get("id").asString(), "{\"enabled\":false}").status())
			.isEqualTo(200);
	}

	private static String alerts(TestBrowser browser, String location) {
		return browser.get(location).alerts();
	}

	/** Failures counted for what was typed, by bucket kind (the account's key replaced by {@code *}, the IP left out). */
	private Map<String, Integer> failuresCounted(String identifier) {
		String account = SignInThrottle.accountKey(identifier);
		Map<String, Integer> counts = new TreeMap<>();
		for (String bucket : jdbc.queryForList("SELECT bucket FROM rate_limit_hit WHERE bucket LIKE ?", String.class,
				"%" + account + "%")) {
			counts.merge(bucket.replace(account, "*").replaceAll("\\|.*$", ""), 1, Integer::sum);
		}
		return counts;
	}

	/** Signs in and returns where the browser is sent, relative to the server. */
	private String signIn(TestBrowser browser, String username, String password) {
		TestBrowser.Page answer = browser.submit(browser.get("/login"), "/login",
				Map.of("username", username, "password", password));
		String location = answer.location().replace("http://localhost:" + port, "");
		return location.equals("/") || location.startsWith("/oauth2/authorize") ? "/oauth2/authorize-or-home" : location;
	}

}
