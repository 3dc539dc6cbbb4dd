package dev.smsauth.login;

import java.time.Clock;

import dev.smsauth.mfa.SecondFactorPolicy;
import dev.smsauth.user.UserService;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The sign-in part of the protocol chain: what an authorization request must pass before the
 * second-factor rule sees it. A session of a disabled or deleted account is ended, {@code prompt}
 * and {@code max_age} are applied, unknown parameters are dropped, a POSTed request is answered by
 * GET and a pushed one (PAR) is read back. The three filters before the security context keep the
 * order they are added in.
 *
 * <p>Not a bean on purpose: Spring Security 7 applies every {@code Customizer<HttpSecurity>} bean
 * to every chain; {@code config.SecurityConfig} applies this one to the protocol chain only.
 */
public final class AuthorizationRequestFilters implements Customizer<HttpSecurity> {

	private final UserService users;

	private final SecondFactorPolicy secondFactors;

	private final Clock clock;

	private final AuthorizationServerSettings settings;

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationService authorizations;

	private final RequestMatcher authorizeEndpoint;

	public AuthorizationRequestFilters(UserService users, SecondFactorPolicy secondFactors, Clock clock,
			AuthorizationServerSettings settings, RegisteredClientRepository clients,
			OAuth2AuthorizationService authorizations, RequestMatcher authorizeEndpoint) {
		this.users = users;
		this.secondFactors = secondFactors;
		this.clock = clock;
		this.settings = settings;
		this.clients = clients;
		this.authorizations = authorizations;
		this.authorizeEndpoint = authorizeEndpoint;
	}

	@Override
	public void customize(HttpSecurity http) {
		// A session of a user disabled or deleted since gets no code (and prompt=none no answer but login_required).
		http.addFilterBefore(new DisabledAccountSignOut(users, authorizeEndpoint), AnonymousAuthenticationFilter.class);
		http.addFilterBefore(new PromptAndMaxAgeFilter(secondFactors, clock), AuthorizationFilter.class);
		http.addFilterBefore(new KnownAuthorizationParametersFilter(), SecurityContextHolderFilter.class);
		http.addFilterBefore(new PostedAuthorizationRequests(settings.getAuthorizationEndpoint()),
				SecurityContextHolderFilter.class);
		http.addFilterBefore(new PushedAuthorizationRequests(settings.getAuthorizationEndpoint(), clients, authorizations),
				SecurityContextHolderFilter.class);
	}

}
