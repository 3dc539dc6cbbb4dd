package dev.smsauth.console;

import dev.smsauth.mfa.SecondFactorPolicy;
import dev.smsauth.user.UserService;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * The console's part of the hosted pages' chain: {@code /console} only for administrators with a
 * second factor ({@link ConsoleAuthorizationManager}).
 *
 * <p>Not a bean on purpose: Spring Security 7 applies every {@code Customizer<HttpSecurity>} bean
 * to every chain; {@code config.SecurityConfig} applies this one to the hosted pages' chain only.
 */
public final class ConsoleAccess implements Customizer<HttpSecurity> {

	private final SecondFactorPolicy secondFactors;

	private final UserService users;

	public ConsoleAccess(SecondFactorPolicy secondFactors, UserService users) {
		this.secondFactors = secondFactors;
		this.users = users;
	}

	@Override
	public void customize(HttpSecurity http) {
		http.authorizeHttpRequests(authorize -> authorize.requestMatchers("/console", "/console/**")
			.access(new ConsoleAuthorizationManager(secondFactors, users)));
	}

}
