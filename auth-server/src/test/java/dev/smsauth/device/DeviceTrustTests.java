package dev.smsauth.device;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.smsauth.mfa.DeviceTrust;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DeviceTrust} over real HTTP: what a browser is worth to a user after a second factor,
 * with and without "Remember this device", on the application clock; and the hostile cookies of
 * ../shared/SECURITY.md (forged, another user's, revoked, replayed after revocation, a deleted
 * user's): none of them is known.
 */
@AuthServerTest
@Import(DeviceTestEndpoints.class)
class DeviceTrustTests extends DeviceTestBase {

	@Autowired
	DeviceTrust trust;

	@Test
	void whenNoSecondFactorInThisBrowserThenNeitherKnownNorRemembered() {
		TestBrowser browser = signedIn(person());
		assertThat(known(browser)).isFalse();
		assertThat(remembered(browser, 30)).isFalse();
		assertThat(browser.cookie(COOKIE)).isNull();
	}

	@Test
	void whenRememberTickedThenRememberedWithinMaxAgeAndNotAfterButStillKnown() {
		TestBrowser browser = signedIn(person());
		proven(browser, true);
		assertThat(remembered(browser, 30)).isTrue();
		assertThat(known(browser)).isTrue();

		clock.advance(Duration.ofDays(30).minusMinutes(1));
		assertThat(remembered(browser, 30)).isTrue();
		clock.advance(Duration.ofMinutes(2));
		assertThat(remembered(browser, 30)).isFalse();
		assertThat(remembered(browser, 31)).isTrue();
		assertThat(known(browser)).isTrue();
	}

	@Test
	void whenAnotherSecondFactorThenMaxAgeCountsFromItAndRememberStaysTicked() {
		TestBrowser browser = signedIn(person());
		proven(browser, true);
		clock.advance(Duration.ofDays(20));
		proven(browser, false);
		clock.advance(Duration.ofDays(20));
		assertThat(remembered(browser, 30)).isTrue();
	}

	@Test
	void whenProvenWithoutRememberThenKnownButNotRemembered() {
		TestBrowser browser = signedIn(person());
		proven(browser, false);
		assertThat(known(browser)).isTrue();
		assertThat(remembered(browser, 30)).isFalse();
	}

	@Test
	void whenZeroDaysThenNeverRemembered() {
		TestBrowser browser = signedIn(person());
		proven(browser, true);
		assertThat(remembered(browser, 0)).isFalse();
	}

	@Test
	void theCookieIsHttpOnlySameSiteLaxForTheWholeSiteForAboutAYearAndOnlyItsHashIsStored() {
		Person person = person();
		TestBrowser browser = signedIn(person);
		TestBrowser.Page page = proven(browser, true);
		String setCookie = page.response()
			.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(c -> c.startsWith(COOKIE + "="))
			.findFirst()
			.orElseThrow();
		assertThat(setCookie).contains("HttpOnly")
			.contains("SameSite=Lax")
			.contains("Path=/")
			.contains("Max-Age=31536000")
			// The embedded default runs on plain http; every other profile sets Secure (MysqlDeviceTests).
			.doesNotContain("Secure");
		String token = browser.cookie(COOKIE);
		assertThat(token).matches("[A-Za-z0-9_-]{43}");
		assertThat(jdbc.sql("SELECT token_hash FROM user_device WHERE user_id = :u")
			.param("u", person.id())
			.query(String.class)
			.single()).isEqualTo(DeviceToken.hash(token)).doesNotContain(token);

		proven(browser, false);
		assertThat(browser.cookie(COOKIE)).as("the same token, not a new one").isEqualTo(token);
		assertThat(rows(person)).isEqualTo(1);
	}

	@Test
	void whenCookieIsForgedThenNotKnownAndNoError() {
		Person person = person();
		proven(signedIn(person), true);
		for (String forged : List.of(DeviceToken.generate(), "not-a-token", "'; DROP TABLE user_device; --",
				"A".repeat(4000))) {
			TestBrowser browser = signedIn(person);
			browser.setCookie(COOKIE, forged);
			assertThat(known(browser)).as(forged).isFalse();
			assertThat(remembered(browser, 30)).as(forged).isFalse();
		}
	}

	@Test
	void whenAForgedOrMalformedCookieMeetsASecondFactorThenOnlyAWellFormedTokenIsKept() {
		Person person = person();
		TestBrowser browser = signedIn(person);
		browser.setCookie(COOKIE, "not-a-token");
		TestBrowser.Page page = proven(browser, false);
		assertThat(page.response().headers().allValues("Set-Cookie"))
			.anyMatch(c -> c.matches(COOKIE + "=[A-Za-z0-9_-]{43};.*"));
		assertThat(known(browser)).isTrue();
		assertThat(rows(person)).isEqualTo(1);
	}

	@Test
	void whenTwoPeopleShareABrowserThenOneTokenTwoRowsAndOnesRememberingIsNothingToTheOther() {
		Person alice = person();
		Person bob = person();
		TestBrowser browser = signedIn(alice);
		proven(browser, true);
		String token = browser.cookie(COOKIE);

		signIn(browser, bob);
		assertThat(known(browser)).isFalse();
		assertThat(remembered(browser, 30)).isFalse();

		proven(browser, false);
		assertThat(browser.cookie(COOKIE)).isEqualTo(token);
		assertThat(known(browser)).isTrue();
		assertThat(remembered(browser, 30)).as("Alice ticked it, not Bob").isFalse();
		assertThat(rows(alice)).isEqualTo(1);
		assertThat(rows(bob)).isEqualTo(1);

		signIn(browser, alice);
		assertThat(remembered(browser, 30)).isTrue();
	}

	@Test
	void whenAnotherUsersTokenIsCopiedIntoABrowserThenNotKnown() {
		Person alice = person();
		Person mallory = person();
		TestBrowser alicesBrowser = signedIn(alice);
		proven(alicesBrowser, true);

		TestBrowser mallorysBrowser = signedIn(mallory);
		mallorysBrowser.setCookie(COOKIE, alicesBrowser.cookie(COOKIE));
		assertThat(known(mallorysBrowser)).isFalse();
		assertThat(remembered(mallorysBrowser, 30)).isFalse();
	}

	@Test
	void whenRevokedThenNotKnownAndReplayingTheOldCookieStaysUnknown() {
		Person person = person();
		TestBrowser browser = signedIn(person);
		proven(browser, true);
		String token = browser.cookie(COOKIE);
		String id = devices(person).get(0).get("id").asString();

		assertThat(admin.call("DELETE", "/api/v1/users/" + person.id() + "/devices/" + id, null).status())
			.isEqualTo(204);

		assertThat(known(browser)).isFalse();
		assertThat(remembered(browser, 30)).isFalse();
		TestBrowser replay = signedIn(person);
		replay.setCookie(COOKIE, token);
		assertThat(known(replay)).isFalse();
		assertThat(remembered(replay, 30)).isFalse();
		assertThat(rows(person)).isZero();
	}

	@Test
	void whenTheUserWasDeletedThenTheirCookieIsNothingToAnyoneAndTheirRowsAreGone() {
		Person gone = person();
		Person next = person();
		TestBrowser browser = signedIn(gone);
		proven(browser, true);
		assertThat(admin.call("DELETE", "/api/v1/users/" + gone.id(), null).status()).isEqualTo(204);
		assertThat(rows(gone)).isZero();

		signIn(browser, next);
		assertThat(known(browser)).isFalse();
		assertThat(remembered(browser, 30)).isFalse();
	}

	@Test
	void whenFiftyNodesProveAFactorForOneNewBrowserAtOnceThenOneRowAndNoError() throws Exception {
		Person person = person();
		String token = DeviceToken.generate();
		ExecutorService pool = Executors.newFixedThreadPool(50);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> calls = new ArrayList<>();
		try {
			for (int i = 0; i < 50; i++) {
				boolean remember = i % 2 == 0;
				calls.add(pool.submit(() -> {
					start.await();
					trust.secondFactorProven(request(token), new MockHttpServletResponse(), person.id(), remember);
					return null;
				}));
			}
			start.countDown();
			for (Future<?> call : calls) {
				call.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(rows(person)).isEqualTo(1);
		assertThat(trust.isRemembered(request(token), person.id(), Duration.ofDays(1))).isTrue();
	}

	static MockHttpServletRequest request(String token) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/mfa/sms");
		request.setCookies(new Cookie(DeviceCookie.NAME, token));
		request.addHeader("User-Agent", FIREFOX_ON_LINUX);
		return request;
	}

}
