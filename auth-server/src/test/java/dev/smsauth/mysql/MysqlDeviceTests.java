package dev.smsauth.mysql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.smsauth.mfa.DeviceTrust;
import dev.smsauth.support.ManagementClient;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Devices on the real MariaDB in the production profile: the device cookie is Secure (and
 * {@code __Host-} named) like the session cookie, and fifty nodes' worth of concurrent first second
 * factors for one browser and a user new to it leave one row and no error (the unique key decides).
 */
class MysqlDeviceTests {

	static String url;

	static Node node;

	@BeforeAll
	static void start() {
		url = MariaDb.freshDatabase();
		// Node turns the session cookie's Secure flag off for plain-http tests, and with it (application.yml)
		// the device cookie's; set the device cookie's back to the production value directly.
		node = Node.start(url, 0, "--auth.devices.secure-cookie=true");
	}

	@AfterAll
	static void stop() {
		if (node != null) {
			node.close();
		}
		MariaDb.drop(url);
	}

	@Test
	void theCookieIsSecureAndHostPrefixedAndFiftyConcurrentFirstFactorsLeaveOneRow() throws Exception {
		DeviceTrust trust = node.context().getBean(DeviceTrust.class);
		JdbcClient jdbc = node.context().getBean(JdbcClient.class);
		ManagementClient api = new ManagementClient(node.base(), "management-cli", Node.MANAGEMENT_SECRET);
		String firstUser = api.createUser("device-first", "+14155550901", "device-password-1").get("id").asString();
		String userId = api.createUser("device-second", "+14155550902", "device-password-2").get("id").asString();

		MockHttpServletResponse first = new MockHttpServletResponse();
		trust.secondFactorProven(new MockHttpServletRequest(), first, firstUser, false);
		String setCookie = first.getHeader("Set-Cookie");
		assertThat(setCookie).startsWith("__Host-SMSAUTH_DEVICE=").contains("Secure").contains("HttpOnly")
			.contains("SameSite=Lax").contains("Path=/").doesNotContain("Domain");
		String token = setCookie.substring("__Host-SMSAUTH_DEVICE=".length(), setCookie.indexOf(';'));

		ExecutorService pool = Executors.newFixedThreadPool(50);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<?>> calls = new ArrayList<>();
		try {
			for (int i = 0; i < 50; i++) {
				boolean remember = i == 7;
				calls.add(pool.submit(() -> {
					go.await();
					trust.secondFactorProven(request(token), new MockHttpServletResponse(), userId, remember);
					return null;
				}));
			}
			go.countDown();
			for (Future<?> call : calls) {
				call.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(jdbc.sql("SELECT COUNT(*) FROM user_device WHERE user_id = :u").param("u", userId)
			.query(Integer.class).single()).isEqualTo(1);
		assertThat(trust.isRemembered(request(token), userId, Duration.ofDays(1))).isTrue();
		assertThat(trust.isKnown(request("A".repeat(43)), userId)).isFalse();
	}

	private static MockHttpServletRequest request(String token) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/mfa/sms");
		request.setCookies(new Cookie("__Host-SMSAUTH_DEVICE", token));
		return request;
	}

}
