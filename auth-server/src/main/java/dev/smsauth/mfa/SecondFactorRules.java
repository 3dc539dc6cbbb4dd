package dev.smsauth.mfa;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The second-factor part of the protocol chain: the per-application rule on
 * {@code /oauth2/authorize} ({@link ClientMfaAuthorizationManager}) and the factor pages a signed-in
 * person is sent to when that rule, or the console's, names a missing factor.
 *
 * <p>Not a bean on purpose: Spring Security 7 applies every {@code Customizer<HttpSecurity>} bean
 * to every chain; {@code config.SecurityConfig} applies this one to the protocol chain only.
 */
public final class SecondFactorRules implements Customizer<HttpSecurity> {

	private final SecondFactorPolicy policy;

	private final RequestMatcher authorizeEndpoint;

	public SecondFactorRules(SecondFactorPolicy policy, RequestMatcher authorizeEndpoint) {
		this.policy = policy;
		this.authorizeEndpoint = authorizeEndpoint;
	}

	@Override
	public void customize(HttpSecurity http) {
		http.authorizeHttpRequests(
				authorize -> authorize.requestMatchers(authorizeEndpoint).access(new ClientMfaAuthorizationManager(policy)));
		http.exceptionHandling(missingFactorPages());
	}

	/**
	 * A signed-in user who lacks the second factor is sent to the SMS step, or to the
	 * authenticator-app step when they set one up; the request is saved and resumed once the code is
	 * verified. Used by the protocol chain and the hosted pages' chain (the console).
	 */
	public static Customizer<ExceptionHandlingConfigurer<HttpSecurity>> missingFactorPages() {
		return exceptions -> SecondFactorPolicy.PAGES.forEach((authority, page) -> exceptions
			.defaultDeniedHandlerForMissingAuthority(new LoginUrlAuthenticationEntryPoint(page), authority));
	}

}
