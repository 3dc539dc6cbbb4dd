package dev.smsauth.demo.login;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Sign-in through the auth server (authorization code + PKCE), our home page as the login
 * page, and RP-initiated logout so that logging out here also ends the auth server session.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ClientRegistrationRepository registrations)
			throws Exception {
		http.authorizeHttpRequests((authorize) -> authorize
			// "/error" must stay public: the friendly error pages are rendered on an error dispatch.
			.requestMatchers("/", "/css/**", "/favicon.ico", "/error", LoginFailedController.PATH)
			.permitAll()
			.anyRequest()
			.authenticated())
			.oauth2Login((login) -> login.loginPage("/")
				.defaultSuccessUrl("/profile")
				.failureUrl(LoginFailedController.PATH)
				.authorizationEndpoint((endpoint) -> endpoint
					.authorizationRequestResolver(new StepUpAuthorizationRequestResolver(registrations)))
				// The redirect filter is created inside the configurer and has no setter on
				// the DSL; a typed post-processor is the supported hook to replace its bare 500.
				.withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
					@Override
					public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
						filter.setAuthenticationFailureHandler(new AuthorizationRequestFailureHandler());
						return filter;
					}
				}))
			.logout((logout) -> logout.logoutSuccessHandler(endSessionLogout(registrations)));
		return http.build();
	}

	private static OidcClientInitiatedLogoutSuccessHandler endSessionLogout(
			ClientRegistrationRepository registrations) {
		OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
		// Must match the post-logout redirect URI the auth server has on file for this client.
		handler.setPostLogoutRedirectUri("{baseUrl}/");
		return handler;
	}

}
