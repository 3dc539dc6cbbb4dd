package dev.smsauth.demo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery without {@code userinfo_endpoint}: Spring Security then skips userinfo, and the
 * profile page fetches it itself with the access token.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class UserInfoFallbackTests {

	private static final FakeAuthorizationServer authServer = FakeAuthorizationServer.start(false);

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void pointAtFakeAuthServer(DynamicPropertyRegistry registry) {
		registry.add("demo.issuer", authServer::issuer);
	}

	@AfterAll
	static void stopFakeAuthServer() {
		authServer.close();
	}

	@Test
	void whenUserInfoNotFetchedAtSignInThenProfileFetchesItWithTheAccessToken() {
		TestBrowser browser = new TestBrowser(this.port);
		browser.signInThrough(authServer);
		assertThat(authServer.userInfoAuthorizations()).isEmpty();

		String profile = browser.get("/profile").getBody();

		assertThat(authServer.userInfoAuthorizations()).containsExactly("Bearer " + FakeAuthorizationServer.ACCESS_TOKEN);
		assertThat(profile).contains("Fetched from " + authServer.issuer() + "/userinfo with the access token")
			.contains("&quot;name&quot;:&quot;Ada Lovelace&quot;");
	}

}
