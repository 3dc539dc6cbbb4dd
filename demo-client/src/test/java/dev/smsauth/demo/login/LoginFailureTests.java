package dev.smsauth.demo.login;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

import static org.assertj.core.api.Assertions.assertThat;

class LoginFailureTests {

	@Test
	void whenAccessDeniedThenExplainsCancelledOrRefused() {
		LoginFailure failure = LoginFailure
			.from(new OAuth2AuthenticationException(new OAuth2Error("access_denied", "User cancelled", null)));

		assertThat(failure.headline()).isEqualTo("Sign-in was cancelled or refused.");
		assertThat(failure.code()).isEqualTo("access_denied");
		assertThat(failure.description()).isEqualTo("User cancelled");
	}

	@Test
	void whenUnknownErrorCodeThenGenericMessageKeepsTheCode() {
		LoginFailure failure = LoginFailure.from(new OAuth2AuthenticationException("invalid_id_token"));

		assertThat(failure.headline()).isEqualTo("Sign-in failed.");
		assertThat(failure.code()).isEqualTo("invalid_id_token");
	}

	@Test
	void whenNoOAuth2ErrorKnownThenNoCodeIsShown() {
		assertThat(LoginFailure.from(null).code()).isNull();
		assertThat(LoginFailure.from(new BadCredentialsException("x")).code()).isNull();
	}

}
