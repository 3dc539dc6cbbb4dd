package dev.smsauth.login;

import java.time.Duration;
import java.util.Map;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.MutableClock;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
		// Start each test at the beginning of a fresh fixed window (windows are aligned to the
		// epoch), far from the real time other tests use.
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
			throttle.failed("owner@example.com", "203.0.113.7");
		}
		assertThat(throttle.refusal("owner@example.com", "203.0.113.7")).isPresent();
		assertThat(throttle.refusal("owner@example.com", "198.51.100.20")).isEmpty();
		assertThat(throttle.refusal("OWNER@example.com ", "203.0.113.7")).as("same account, typed differently")
			.isPresent();
	}

	@Test
	void whenOneIpSpraysManyAccountsThenThatIpIsStopped() {
		for (int i = 0; i < 30; i++) {
			throttle.failed("spray-" + i, "203.0.113.99");
		}
		assertThat(throttle.refusal("someone-else", "203.0.113.99")).isPresent();
		assertThat(throttle.refusal("someone-else", "203.0.113.100")).isEmpty();
	}

	@Test
	void whenManyIpsGuessOneAccountThenItLocksUntilTheHourEndsAndNoLonger() {
		for (int i = 0; i < 100; i++) {
			throttle.failed("+1 415 555 0700", "198.18.0." + i);
		}
		assertThat(throttle.refusal("+14155550700", "192.0.2.1")).as("phone typed another way").isPresent();
		clock.advance(Duration.ofHours(1));
		assertThat(throttle.refusal("+14155550700", "192.0.2.1")).isEmpty();
	}

	@Test
	void whenIdentifierIsUnknownThenTreatedExactlyLikeAKnownOne() {
		api.createUser("known-one", null, "known-password-1");
		for (int i = 0; i < 3; i++) {
			throttle.failed("known-one", "192.0.2.50");
			throttle.failed("nobody-here", "192.0.2.50");
		}
		assertThat(throttle.refusal("known-one", "192.0.2.50")).isPresent();
		assertThat(throttle.refusal("nobody-here", "192.0.2.50")).isPresent();
		// No typed identifier is stored: buckets hold a hash.
		assertThat(jdbc.queryForList("SELECT bucket FROM rate_limit_counter", String.class))
			.noneMatch(bucket -> bucket.contains("known-one") || bucket.contains("nobody-here"));
	}

	/** Signs in and returns where the browser is sent, relative to the server. */
	private String signIn(TestBrowser browser, String username, String password) {
		TestBrowser.Page answer = browser.submit(browser.get("/login"), "/login",
				Map.of("username", username, "password", password));
		String location = answer.location().replace("http://localhost:" + port, "");
		return location.equals("/") || location.startsWith("/oauth2/authorize") ? "/oauth2/authorize-or-home" : location;
	}

}
