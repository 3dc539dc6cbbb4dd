package dev.smsauth.config;

import dev.smsauth.token.StoredAccessTokenIntrospector;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The Actuator endpoints, tried before the other chains (its matcher is disjoint from theirs, and
 * follows {@code management.server.port} and the base path when they are set):
 * <ul>
 * <li>{@code health} (with the {@code liveness} and {@code readiness} groups) and {@code info}:
 * open, because load balancers and orchestrators probe them without credentials; details only for
 * a bearer token with scope {@code management} or {@code metrics}
 * ({@code management.endpoint.health.roles});</li>
 * <li>{@code prometheus}: a bearer token with scope {@code metrics} or {@code management}. The
 * counters are not secrets, but they show sign-in volume and failure rates to anyone who asks;
 * Prometheus fetches the token itself with the client_credentials grant;</li>
 * <li>anything else Actuator might expose later: refused until someone decides.</li>
 * </ul>
 * Stateless: the browser session of the hosted pages is never used here.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurityConfig {

	static final String METRICS_SCOPE = "SCOPE_metrics";

	static final String MANAGEMENT_SCOPE = "SCOPE_management";

	@Bean
	@Order(0)
	SecurityFilterChain actuatorChain(HttpSecurity http, JwtDecoder jwtDecoder, OAuth2AuthorizationService authorizations)
			throws Exception {
		// A revoked token or a deleted client loses access at once, as on the management API; reference
		// tokens (an application's choice) are accepted like JWTs.
		AccessTokenAuthenticationProvider accessTokens = new AccessTokenAuthenticationProvider(
				new ActiveAccessTokenDecoder(jwtDecoder, authorizations), new StoredAccessTokenIntrospector(authorizations));
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authenticationProvider(accessTokens)
			.authorizeHttpRequests(authorize -> authorize.requestMatchers(EndpointRequest.to("health", "info"))
				.permitAll()
				.requestMatchers(EndpointRequest.to("prometheus"))
				.hasAnyAuthority(METRICS_SCOPE, MANAGEMENT_SCOPE)
				.anyRequest()
				.denyAll())
			.oauth2ResourceServer(resourceServer -> resourceServer
				.jwt(jwt -> jwt.authenticationManager(accessTokens.manager())))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// Read-only GETs with bearer tokens, which browsers do not send by themselves.
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

}
