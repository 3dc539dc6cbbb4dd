package dev.smsauth.web;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link ResumedInPlace} forwards to and how: only the authorization endpoint with a query, as
 * a GET whose parameters are the query's alone, and every redirect the endpoint answers with goes out
 * as 303.
 */
class ResumedInPlaceTests {

	private final ResumedInPlace resumed = new ResumedInPlace(AuthorizationServerSettings.builder().build());

	private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mfa/sms/verify");

	@Test
	void onlyTheAuthorizationEndpointWithAQueryIsResumedInPlace() {
		assertThat(resumed.forwardPath(request, "http://localhost:8080/oauth2/authorize?response_type=code&continue"))
			.isEqualTo("/oauth2/authorize?response_type=code&continue");
		assertThat(resumed.forwardPath(request, "https://id.example.com/oauth2/authorize?a=%2B+b"))
			.as("the query as it was sent, still encoded")
			.isEqualTo("/oauth2/authorize?a=%2B+b");
		assertThat(resumed.forwardPath(request, "http://localhost/oauth2/authorize")).as("no query").isNull();
		assertThat(resumed.forwardPath(request, "http://localhost/oauth2/authorize/x?a=b")).isNull();
		assertThat(resumed.forwardPath(request, "http://localhost/account/devices?continue")).isNull();
		assertThat(resumed.forwardPath(request, "http://localhost/oauth2/token?a=b")).isNull();
		assertThat(resumed.forwardPath(request, "/")).isNull();
		assertThat(resumed.forwardPath(request, "http://local host/oauth2/authorize?a=b")).as("not a URI").isNull();
	}

	@Test
	void underAContextPathTheEndpointIsFoundBelowIt() {
		request.setContextPath("/id");
		assertThat(resumed.forwardPath(request, "http://localhost/id/oauth2/authorize?a=b"))
			.as("the dispatcher's path is relative to the context")
			.isEqualTo("/oauth2/authorize?a=b");
		assertThat(resumed.forwardPath(request, "http://localhost/oauth2/authorize?a=b")).isNull();
	}

	@Test
	void theForwardedRequestIsAGetWithTheQuerysParametersOnly() {
		request.setContentType("application/x-www-form-urlencoded");
		request.addParameter("code", "123456");
		request.addParameter("_csrf", "token");
		request.addParameter("redirect_uri", "https://evil.example/cb");

		ResumedInPlace.AsGet get = new ResumedInPlace.AsGet(request,
				"response_type=code&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&scope=openid+profile&a=1&a=2&empty=&bare&continue");

		assertThat(get.getMethod()).isEqualTo("GET");
		assertThat(get.getParameter("code")).isNull();
		assertThat(get.getParameter("_csrf")).isNull();
		assertThat(get.getParameter("redirect_uri")).isEqualTo("https://app.example.com/cb");
		assertThat(get.getParameter("scope")).as("a '+' in a query is a space").isEqualTo("openid profile");
		assertThat(get.getParameterValues("a")).containsExactly("1", "2");
		assertThat(get.getParameter("empty")).isEmpty();
		assertThat(get.getParameter("bare")).isEmpty();
		assertThat(get.getParameterMap().keySet()).containsExactly("response_type", "redirect_uri", "scope", "a",
				"empty", "bare", "continue");
		assertThat(get.getParameterMap().get("a")).containsExactly("1", "2");
		assertThat(java.util.Collections.list(get.getParameterNames())).hasSize(7);
		assertThat(get.getContentType()).isNull();
		assertThat(get.getHeader("Content-Type")).isNull();
		assertThat(get.getContentLength()).isEqualTo(-1);
	}

	@Test
	void aPairThatIsNotValidPercentEncodingIsLeftOutNotAnError() {
		ResumedInPlace.AsGet get = new ResumedInPlace.AsGet(request, "response_type=code&x=%zz&%G1=y&state=s%2");
		assertThat(get.getParameterMap().keySet()).containsExactly("response_type");
		assertThat(get.getParameter("response_type")).isEqualTo("code");
	}

	@Test
	void theParametersCanNotBeChangedThroughTheirArrays() {
		ResumedInPlace.AsGet get = new ResumedInPlace.AsGet(request, "state=s");
		get.getParameterValues("state")[0] = "changed";
		assertThat(get.getParameter("state")).isEqualTo("s");
		assertThat(get.getParameterMap()).isUnmodifiable();
	}

	@Test
	void everyRedirectTheEndpointAnswersWithGoesOutAs303() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		ResumedInPlace.RedirectsAsSeeOther seeOther = new ResumedInPlace.RedirectsAsSeeOther(response);

		seeOther.sendRedirect("https://app.example.com/cb?code=c&state=s");

		assertThat(response.getStatus()).isEqualTo(303);
		assertThat(response.getHeader("Location")).isEqualTo("https://app.example.com/cb?code=c&state=s");

		MockHttpServletResponse other = new MockHttpServletResponse();
		new ResumedInPlace.RedirectsAsSeeOther(other).sendRedirect("/oauth2/consent?x=1", 307, true);
		assertThat(other.getStatus()).isEqualTo(303);
		assertThat(other.getHeader("Location")).isEqualTo("/oauth2/consent?x=1");
	}

	@Test
	void aStepThatContinuesElsewhereIsAnsweredWith303There() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		resumed.resume("http://localhost/account/devices?continue", request, response);

		assertThat(response.getStatus()).isEqualTo(303);
		assertThat(response.getHeader("Location")).isEqualTo("http://localhost/account/devices?continue");
		assertThat(response.getForwardedUrl()).isNull();
	}

	@Test
	void theAuthorizationEndpointIsForwardedToAndTheStepsParsedPathIsBackAfterwards() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		request.setAttribute(org.springframework.web.util.ServletRequestPathUtils.PATH_ATTRIBUTE, "the step's");

		resumed.resume("http://localhost/oauth2/authorize?response_type=code&continue", request, response);

		assertThat(response.getForwardedUrl()).isEqualTo("/oauth2/authorize?response_type=code&continue");
		assertThat(request.getAttribute(org.springframework.web.util.ServletRequestPathUtils.PATH_ATTRIBUTE))
			.isEqualTo("the step's");
	}

}
