package dev.smsauth.login;

import java.util.Map;

import dev.smsauth.mfa.SecondFactorPolicy;
import dev.smsauth.web.ResumedInPlace;

import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;

/**
 * The sign-in part of the hosted pages' chain: the password form at {@value #LOGIN_PAGE} (303 to the
 * second factor's page when the waiting authorization request needs one, else the saved request,
 * resumed in place when it is an authorization request ({@link AfterPassword}); or back to the page
 * with one message for every failure but throttling) and sign-out.
 *
 * <p>Not a bean on purpose: Spring Security 7 applies every {@code Customizer<HttpSecurity>} bean
 * to every chain; {@code config.SecurityConfig} applies this one to the hosted pages' chain only.
 */
public final class FormSignIn implements Customizer<HttpSecurity> {

	public static final String LOGIN_PAGE = "/login";

	private final SecondFactorPolicy secondFactors;

	private final RequestCache requestCache;

	private final ResumedInPlace resumedInPlace;

	public FormSignIn(SecondFactorPolicy secondFactors, RequestCache requestCache, ResumedInPlace resumedInPlace) {
		this.secondFactors = secondFactors;
		this.requestCache = requestCache;
		this.resumedInPlace = resumedInPlace;
	}

	@Override
	public void customize(HttpSecurity http) {
		DefaultRedirectStrategy seeOther = new DefaultRedirectStrategy();
		seeOther.setStatusCode(HttpStatus.SEE_OTHER);
		AfterPassword success = new AfterPassword(secondFactors, seeOther, requestCache, resumedInPlace);
		// Throttled sign-ins get their own message; every other failure the same one (no enumeration).
		ExceptionMappingAuthenticationFailureHandler failure = new ExceptionMappingAuthenticationFailureHandler();
		failure.setDefaultFailureUrl(LOGIN_PAGE + "?error");
		failure.setExceptionMappings(Map.of("dev.smsauth.login.SignInThrottledException", LOGIN_PAGE + "?error=throttled"));
		failure.setRedirectStrategy(seeOther);
		http.formLogin(form -> form.loginPage(LOGIN_PAGE).successHandler(success).failureHandler(failure))
			.logout(logout -> logout.logoutSuccessUrl(LOGIN_PAGE + "?logout"));
	}

}
