package dev.smsauth.demo;

import com.nimbusds.jose.JWSAlgorithm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo accepts the one algorithm it is configured for (RS256 by default), not whatever a token
 * says: an ES256 ID token is refused and nobody is signed in.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class IdTokenAlgorithmMismatchTests {

	private static final FakeAuthorizationServer authServer = FakeAuthorizationServer.signingWith(JWSAlgorithm.ES256);

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
	void whenTheIdTokenIsSignedWithAnotherAlgorithmThanConfiguredThenTheSignInFails() {
		TestBrowser browser = new TestBrowser(this.port);

		ResponseEntity<String> callback = browser.signInThrough(authServer);

		assertThat(callback.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		assertThat(callback.getHeaders().getLocation()).hasPath("/login-failed");
		assertThat(browser.get("/profile").getStatusCode()).isNotEqualTo(HttpStatus.OK);
	}

}
