package dev.smsauth.mysql;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.smsauth.AuthServerApplication;
import dev.smsauth.device.DeviceProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production profile's cookie and transport headers (../shared/SECURITY.md web 2, OAuth 9):
 * the session cookie is HttpOnly, SameSite=Lax and Secure; behind a TLS-terminating proxy HSTS is
 * sent; pages can not be framed. The embedded default (plain http on a laptop) is the one place the
 * cookie is not Secure, which SessionCookieDefaultsTests checks.
 */
class ProductionHeadersTests {

	static String database;

	static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		database = MariaDb.freshDatabase();
		context = new SpringApplicationBuilder(AuthServerApplication.class).profiles("mysql")
			.run("--server.port=0", "--spring.datasource.url=" + database, "--spring.datasource.username=root",
					"--spring.datasource.password=", "--auth.sms.provider=outbox",
					"--auth.sms.outbox.allow-in-production=true",
					"--auth.sms.code-hmac-key=production-headers-test-hmac-key-0123456789",
					"--auth.keys.encryption-key=cHJvZHVjdGlvbi1oZWFkZXJzLXRlc3Qta2V5LWtleTE=",
					// As infra/ deploys it: TLS ends at the proxy, which overwrites X-Forwarded-*.
					"--server.forward-headers-strategy=framework");
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
		if (database != null) {
			MariaDb.drop(database);
		}
	}

	@Test
	void whenServedBehindTlsThenSecureHttpOnlyLaxCookieHstsAndNoFraming() throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpResponse<String> page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
				.header("X-Forwarded-Proto", "https")
				.header("X-Forwarded-Host", "login.example.com")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		String cookie = page.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(c -> c.startsWith("SMSAUTH_SESSION="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + page.headers().map()));
		assertThat(cookie).contains("HttpOnly").contains("Secure").containsIgnoringCase("SameSite=Lax");
		assertThat(page.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
				hsts -> assertThat(hsts).contains("max-age="));
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				csp -> assertThat(csp).contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
		assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
	}

	@Test
	void theDeviceCookieIsSecureWhereTheSessionCookieIs() {
		// application.yml ties auth.devices.secure-cookie to the session cookie's flag (device.DeviceCookie).
		assertThat(context.getBean(DeviceProperties.class).secureCookie()).isTrue();
	}

}
