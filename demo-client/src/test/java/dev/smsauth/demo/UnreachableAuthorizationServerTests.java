package dev.smsauth.demo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo while nothing listens at the issuer: it must start and explain, not fail. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class UnreachableAuthorizationServerTests {

	private static final String ISSUER = "http://127.0.0.1:" + FakeAuthorizationServer.unusedPort();

	@LocalServerPort
	private int port;

	private TestBrowser browser;

	@DynamicPropertySource
	static void pointAtNothing(DynamicPropertyRegistry registry) {
		registry.add("demo.issuer", () -> ISSUER);
	}

	@BeforeEach
	void newBrowser() {
		this.browser = new TestBrowser(this.port);
	}

	@Test
	void whenIssuerUnreachableThenHomePageStillOffersLogIn() {
		ResponseEntity<String> response = this.browser.get("/");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).contains("<title>Demo app</title>", "/css/demo.css")
			.containsPattern("<form class=\"inline-form\" action=\"/oauth2/authorization/smsauth\" method=\"get\">\\s*"
					+ "<button type=\"submit\" class=\"button\">Log in</button>")
			// the GET form must not leak the CSRF token into the URL
			.doesNotContain("_csrf");
	}

	@Test
	void whenLoginClickedWhileIssuerUnreachableThenFriendlyPageWith503() {
		ResponseEntity<String> response = this.browser.get("/oauth2/authorization/smsauth");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(response.getBody()).contains("The authorization server at <code>" + ISSUER
				+ "</code> is not reachable yet.", ">Try again</button>")
			.doesNotContain("Whitelabel");
	}

	@Test
	void whenProfileRequestedSignedOutThenRedirectsToHomePage() {
		ResponseEntity<String> response = this.browser.get("/profile");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		assertThat(response.getHeaders().getLocation()).hasPath("/");
	}

	@Test
	void whenUnknownRegistrationRequestedThenFriendlyNotFoundPage() {
		ResponseEntity<String> response = this.browser.get("/oauth2/authorization/other");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getBody()).contains("Something went wrong", "404 Not Found").doesNotContain("Whitelabel");
	}

	@Test
	void whenStylesheetRequestedThenServedPublicly() {
		ResponseEntity<String> response = this.browser.get("/css/demo.css");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getHeaders().getContentType()).hasToString("text/css");
	}

}
