package dev.smsauth.web;

import java.util.List;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session cookie (SECURITY.md, web 2): HttpOnly and SameSite=Lax everywhere; Secure in the
 * production profile (the embedded default runs on plain http://localhost, where a Secure cookie
 * would not come back).
 */
@AuthServerTest
class SessionCookieTests {

	@LocalServerPort
	int port;

	@Test
	void whenSessionStartsThenCookieIsHttpOnlyAndSameSiteLax() {
		TestBrowser.Page login = new TestBrowser("http://localhost:" + port).get("/login");
		String cookie = login.response()
			.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(value -> value.startsWith("SMSAUTH_SESSION="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie: " + login.response().headers()));
		assertThat(cookie).containsIgnoringCase("; HttpOnly").containsIgnoringCase("; SameSite=Lax");
	}

	@Test
	void whenMysqlProfileThenSessionCookieIsSecure() throws Exception {
		List<PropertySource<?>> mysql = new YamlPropertySourceLoader().load("mysql",
				new ClassPathResource("application-mysql.yml"));
		assertThat(mysql).anySatisfy(
				source -> assertThat(source.getProperty("server.servlet.session.cookie.secure")).hasToString("true"));
	}

}
