package dev.smsauth.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.smsauth.support.AuthServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.session.web.http.SessionRepositoryFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default over plain http: HttpOnly and SameSite=Lax, and (only here) not Secure; the
 * cookie written by our replacement of Spring Session's filter ({@link SessionFilterReadingOnce}).
 */
@AuthServerTest
class SessionCookieDefaultsTests {

	@LocalServerPort
	int port;

	@Autowired
	SessionRepositoryFilter<?> sessionFilter;

	@Test
	void whenEmbeddedDefaultThenCookieIsHttpOnlyLaxAndNotSecure() throws Exception {
		HttpResponse<String> page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
					HttpResponse.BodyHandlers.ofString());
		String cookie = page.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(c -> c.startsWith("SMSAUTH_SESSION="))
			.findFirst()
			.orElseThrow();
		assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax").doesNotContain("Secure");
		assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
		assertThat(sessionFilter).isInstanceOf(SessionFilterReadingOnce.class);
	}

}
