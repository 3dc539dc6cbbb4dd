package dev.smsauth.demo.login;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistration.ClientSettings;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;

import static org.assertj.core.api.Assertions.assertThat;

class StepUpAuthorizationRequestResolverTests {

	private final StepUpAuthorizationRequestResolver resolver = new StepUpAuthorizationRequestResolver(
			new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId("smsauth")
				.clientId("demo-client")
				.clientSecret("demo-secret")
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("{baseUrl}/{action}/oauth2/code/{registrationId}")
				.scope("openid")
				// Spring Security would add PKCE by itself for this default; switch it off to
				// see that the resolver forces it.
				.clientSettings(ClientSettings.builder().requireProofKey(false).build())
				.authorizationUri("https://auth.test/oauth2/authorize")
				.tokenUri("https://auth.test/oauth2/token")
				.build()));

	@Test
	void whenPlainLoginClickedThenPkceIsForcedEvenIfTheRegistrationDoesNotRequireIt() {
		OAuth2AuthorizationRequest request = this.resolver.resolve(loginClick("unrelated", "x"));

		assertThat(request.getAdditionalParameters()).containsEntry(PkceParameterNames.CODE_CHALLENGE_METHOD, "S256")
			.containsKey(PkceParameterNames.CODE_CHALLENGE)
			.doesNotContainKeys("acr_values", "prompt");
		assertThat(request.getAttributes()).containsKey(PkceParameterNames.CODE_VERIFIER);
	}

	@Test
	void whenAcrIsMfaThenAcrValuesNameTheMfaLevelAndPkceSurvives() {
		OAuth2AuthorizationRequest request = this.resolver.resolve(loginClick("acr", "mfa"));

		assertThat(request.getAdditionalParameters()).containsEntry("acr_values", "urn:smsauth:acr:mfa")
			.containsEntry(PkceParameterNames.CODE_CHALLENGE_METHOD, "S256")
			.containsKey("nonce");
		assertThat(request.getAttributes()).containsKey(PkceParameterNames.CODE_VERIFIER);
		assertThat(request.getAuthorizationRequestUri()).contains("acr_values=urn:smsauth:acr:mfa",
				"code_challenge=");
	}

	@Test
	void whenAcrAndPromptBothRequestedThenBothAreSent() {
		MockHttpServletRequest click = loginClick("acr", "mfa");
		click.addParameter("prompt", "login");

		OAuth2AuthorizationRequest request = this.resolver.resolve(click);

		assertThat(request.getAdditionalParameters()).containsEntry("acr_values", "urn:smsauth:acr:mfa")
			.containsEntry("prompt", "login");
	}

	@Test
	void whenPromptIsAnythingButLoginThenNoPromptIsSent() {
		for (String prompt : new String[] { "none", "consent", "select_account", "LOGIN", "login none" }) {
			OAuth2AuthorizationRequest request = this.resolver.resolve(loginClick("prompt", prompt));

			assertThat(request.getAdditionalParameters()).as(prompt).doesNotContainKey("prompt");
			assertThat(request.getAuthorizationRequestUri()).as(prompt).doesNotContain("prompt=");
		}
	}

	@Test
	void whenOtherParametersArePresentThenTheyAreNotForwarded() {
		MockHttpServletRequest click = loginClick("acr_values", "urn:evil");
		click.addParameter("max_age", "0");

		OAuth2AuthorizationRequest request = this.resolver.resolve(click);

		assertThat(request.getAuthorizationRequestUri()).doesNotContain("acr_values", "max_age", "urn:evil");
	}

	@Test
	void whenTokenNeededElsewhereThenThatPagesQueryDoesNotChooseTheLevel() {
		MockHttpServletRequest somePage = new MockHttpServletRequest("GET", "/somewhere");
		somePage.addParameter("acr", "mfa");

		OAuth2AuthorizationRequest request = this.resolver.resolve(somePage, "smsauth");

		assertThat(request.getAdditionalParameters()).doesNotContainKey("acr_values");
	}

	@Test
	void whenNotAnAuthorizationPathThenNothingIsResolved() {
		assertThat(this.resolver.resolve(new MockHttpServletRequest("GET", "/profile"))).isNull();
	}

	private static MockHttpServletRequest loginClick(String parameter, String value) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorization/smsauth");
		request.setServletPath("/oauth2/authorization/smsauth");
		request.addParameter(parameter, value);
		return request;
	}

}
