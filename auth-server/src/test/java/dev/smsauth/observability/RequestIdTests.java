package dev.smsauth.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import dev.smsauth.support.AuthServerTest;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** X-Request-Id: echoed when safe, replaced when not, generated when absent, in the MDC only during the request. */
@AuthServerTest
class RequestIdTests {

	private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	@LocalServerPort
	int port;

	@Test
	void whenSafeRequestIdSentThenEchoed() throws Exception {
		assertThat(requestIdOf("/login", "lb-7f3a.42_x")).isEqualTo("lb-7f3a.42_x");
		assertThat(requestIdOf("/actuator/health/liveness", "probe-1")).isEqualTo("probe-1");
	}

	@Test
	void whenUnsafeOrLongRequestIdSentThenReplaced() throws Exception {
		String unsafe = requestIdOf("/login", "abc\"},{\"level\":\"ERROR");
		String tooLong = requestIdOf("/login", "a".repeat(65));
		String none = requestIdOf("/login", null);

		assertThat(unsafe).matches(UUID_PATTERN);
		assertThat(tooLong).matches(UUID_PATTERN);
		assertThat(none).matches(UUID_PATTERN);
		assertThat(requestIdOf("/login", "a".repeat(64))).isEqualTo("a".repeat(64));
	}

	@Test
	void aNewIdIsARandomVersionFourUuidAndNeverRepeats() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			String id = RequestIdFilter.newId();
			UUID parsed = UUID.fromString(id);
			assertThat(parsed.version()).isEqualTo(4);
			assertThat(parsed.variant()).isEqualTo(2);
			assertThat(id).matches(UUID_PATTERN);
			ids.add(id);
		}
		assertThat(ids).hasSize(10_000);
	}

	@Test
	void whenRedirectedOrRefusedThenStillHasRequestId() throws Exception {
		assertThat(requestIdOf("/oauth2/authorize?client_id=nobody", "r-1")).isEqualTo("r-1");
		assertThat(requestIdOf("/api/v1/users", "r-2")).isEqualTo("r-2");
	}

	@Test
	void whenRequestHandledThenRequestIdInMdcDuringAndClearedAfter() throws Exception {
		AtomicReference<String> during = new AtomicReference<>();
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login");
		request.addHeader("X-Request-Id", "mdc-1");

		new RequestIdFilter().doFilter(request, new MockHttpServletResponse(), (req, res) -> during.set(MDC.get("requestId")));

		assertThat(during.get()).isEqualTo("mdc-1");
		assertThat(MDC.get("requestId")).isNull();
	}

	private String requestIdOf(String path, String offered) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
		if (offered != null) {
			request.header("X-Request-Id", offered);
		}
		HttpResponse<Void> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding());
		return response.headers().firstValue("X-Request-Id").orElseThrow();
	}

}
