package dev.smsauth.login;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No account enumeration through timing (../shared/SECURITY.md SMS 13): a wrong password for an
 * existing account, any password for an unknown one and any password for a disabled one cost the
 * same, because the unknown case still verifies against a dummy Argon2id hash and a disabled
 * account is refused only after its password was checked. Measured as a statistical bound over
 * interleaved samples (medians, so a stray GC pause does not decide), never a single sample.
 */
@AuthServerTest
@TestPropertySource(properties = { "auth.signin.max-failures-per-account-and-ip=100000",
		"auth.signin.delay-after-failures=100000", "auth.signin.max-failures-per-ip=100000",
		"auth.signin.max-failures-per-account-per-hour=100000" })
class SignInTimingTests {

	static final int SAMPLES = 25;

	@LocalServerPort
	int port;

	@Test
	void whenAccountUnknownOrDisabledThenSignInTakesAsLongAsAWrongPasswordForAKnownAccount() {
		ManagementClient api = new ManagementClient("http://localhost:" + port);
		api.createUser("timed-known", "+14155550900", "timed-password-1");
		String disabledId = api.createUser("timed-disabled", "+14155550901", "timed-password-2").get("id").asString();
		assertThat(api.call("PATCH", "/api/v1/users/" + disabledId, "{\"enabled\":false}").status()).isEqualTo(200);
		TestBrowser browser = new TestBrowser("http://localhost:" + port);
		String csrfPage = "/login";
		// Warm up every path (JIT, connection pool) before measuring.
		for (int i = 0; i < 5; i++) {
			attempt(browser, csrfPage, "timed-known", "wrong-password");
			attempt(browser, csrfPage, "timed-unknown-" + i, "wrong-password");
			attempt(browser, csrfPage, "timed-disabled", i % 2 == 0 ? "wrong-password" : "timed-password-2");
		}
		List<Long> known = new ArrayList<>();
		List<Long> unknown = new ArrayList<>();
		List<Long> disabled = new ArrayList<>();
		for (int i = 0; i < SAMPLES; i++) {
			// Interleaved, so drifts in machine load hit every series alike.
			known.add(attempt(browser, csrfPage, "timed-known", "wrong-password"));
			unknown.add(attempt(browser, csrfPage, i % 2 == 0 ? "nobody-" + i : "+1415555" + String.format("%04d", i),
					"wrong-password"));
			// Its right password too: the same answer, and no faster.
			disabled.add(attempt(browser, csrfPage, "timed-disabled", i % 2 == 0 ? "wrong-password" : "timed-password-2"));
		}
		double knownMedian = median(known);
		double unknownMedian = median(unknown);
		double disabledMedian = median(disabled);
		// Each pays one Argon2id verification (tens of milliseconds); a skipped hash would make that
		// case several times faster. A 35 % band tolerates a busy shared machine.
		assertThat(unknownMedian / knownMedian).as("unknown %.1f ms vs known %.1f ms", unknownMedian / 1e6,
				knownMedian / 1e6)
			.isBetween(0.65, 1.0 / 0.65);
		assertThat(disabledMedian / knownMedian).as("disabled %.1f ms vs known %.1f ms", disabledMedian / 1e6,
				knownMedian / 1e6)
			.isBetween(0.65, 1.0 / 0.65);
	}

	private static long attempt(TestBrowser browser, String page, String identifier, String password) {
		TestBrowser.Page login = browser.get(page);
		long start = System.nanoTime();
		TestBrowser.Page answer = browser.submit(login, "/login", Map.of("username", identifier, "password", password));
		long elapsed = System.nanoTime() - start;
		assertThat(answer.location()).endsWith("/login?error");
		return elapsed;
	}

	private static double median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
	}

}
