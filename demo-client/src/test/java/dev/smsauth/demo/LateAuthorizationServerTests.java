package dev.smsauth.demo;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.smsauth.demo.TestBrowser.targetOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Both applications start from one script and the auth server may come up second. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LateAuthorizationServerTests {

	private static final int AUTH_SERVER_PORT = FakeAuthorizationServer.unusedPort();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void pointAtNotYetStartedServer(DynamicPropertyRegistry registry) {
		registry.add("demo.issuer", () -> "http://127.0.0.1:" + AUTH_SERVER_PORT);
	}

	@Test
	void whenAuthServerStartsAfterAFailedLoginThenNextLoginClickWorks() {
		TestBrowser browser = new TestBrowser(this.port);
		assertThat(browser.get("/oauth2/authorization/smsauth").getStatusCode())
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

		try (FakeAuthorizationServer authServer = FakeAuthorizationServer.startOn(AUTH_SERVER_PORT)) {
			var response = browser.get("/oauth2/authorization/smsauth");

			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FOUND);
			assertThat(targetOf(response)).isEqualTo(authServer.authorizationEndpoint());
		}
	}

}
