package dev.smsauth.config;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request cache answers as the framework's does: a saved authorization request is resumed on
 * the redirect that carries {@code continue}, and on no other request, with or without a query.
 */
class ResumedOnlyWithContinueTests {

	private final MockHttpSession session = new MockHttpSession();

	@Test
	void theSavedRequestIsResumedOnlyByTheRedirectThatCarriesContinue() {
		for (HttpSessionRequestCache cache : new HttpSessionRequestCache[] { new SessionStateConfig.ResumedOnlyWithContinue(),
				new HttpSessionRequestCache() }) {
			cache.saveRequest(request("/oauth2/authorize", "response_type=code&client_id=app&state=s"), new MockHttpServletResponse());

			assertThat(cache.getMatchingRequest(request("/oauth2/authorize", "response_type=code&client_id=app&state=s"),
					new MockHttpServletResponse())).as("no continue").isNull();
			assertThat(cache.getMatchingRequest(request("/mfa/sms", null), new MockHttpServletResponse())).as("no query").isNull();
			assertThat(cache.getMatchingRequest(request("/oauth2/authorize", "client_id=continued"), new MockHttpServletResponse()))
				.as("the text in a value only").isNull();

			HttpServletRequest resumed = cache.getMatchingRequest(
					request("/oauth2/authorize", "response_type=code&client_id=app&state=s&continue"), new MockHttpServletResponse());

			assertThat(resumed).as(cache.getClass().getSimpleName()).isNotNull();
			assertThat(resumed.getParameter("client_id")).isEqualTo("app");
			assertThat(cache.getRequest(request("/", null), new MockHttpServletResponse())).as("taken out once resumed").isNull();
		}
	}

	private MockHttpServletRequest request(String path, String query) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setQueryString(query);
		if (query != null) {
			for (String pair : query.split("&")) {
				String[] kv = pair.split("=", 2);
				request.addParameter(kv[0], kv.length > 1 ? kv[1] : "");
			}
		}
		request.setSession(session);
		return request;
	}

}
