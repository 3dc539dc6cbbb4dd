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
 * An application whose ID tokens the auth server signs PS256 ({@code idTokenSignedResponseAlg}):
 * with {@code demo.id-token-signing-alg=PS256} the demo verifies them and signs the person in.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "demo.id-token-signing-alg=PS256")
class IdTokenSignedWithPS256Tests {

	private static final FakeAuthorizationServer authServer = FakeAuthorizationServer.signingWith(JWSAlgorithm.PS256);

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
	void whenTheIdTokenIsSignedPS256ThenTheSignInSucceeds() {
		TestBrowser browser = new TestBrowser(this.port);

		ResponseEntity<String> callback = browser.signInThrough(authServer);

		assertThat(callback.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		assertThat(callback.getHeaders().getLocation()).hasPath("/profile");
		assertThat(browser.get("/profile").getBody()).contains("<code>sub</code>", "user-42");
	}

}
