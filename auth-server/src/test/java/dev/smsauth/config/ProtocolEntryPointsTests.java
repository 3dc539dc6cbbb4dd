package dev.smsauth.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization endpoint's entry point: the sign-in page as the answer to a GET, a redirect for
 * every other method (a forward keeps the method, and a POST forwarded to /login would be the
 * password form's POST).
 */
class ProtocolEntryPointsTests {

	private final AuthenticationEntryPoint entryPoint = ProtocolEntryPoints.signInPage();

	@ParameterizedTest
	@ValueSource(strings = { "GET", "POST", "PUT", "HEAD", "get" })
	void onlyAGetIsForwardedToTheSignInPage(String method) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest(method, "/oauth2/authorize");
		request.setQueryString("response_type=code&client_id=c");
		MockHttpServletResponse response = new MockHttpServletResponse();

		entryPoint.commence(request, response, new InsufficientAuthenticationException("not signed in"));

		if ("GET".equals(method)) {
			assertThat(response.getForwardedUrl()).isEqualTo("/login");
			assertThat(response.getRedirectedUrl()).isNull();
		}
		else {
			assertThat(response.getForwardedUrl()).isNull();
			assertThat(response.getStatus()).isEqualTo(302);
			assertThat(response.getRedirectedUrl()).endsWith("/login");
		}
	}

}
