package dev.smsauth.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The SMS providers' delivery-receipt webhooks ({@code /sms/receipts/**}: {@code sms.vonage} and
 * {@code sms.twilio}). Machines post here, not browsers: no session is read or made, no CSRF token
 * is asked for, no sign-in page is offered. Every request passes this chain and the endpoint itself
 * checks the provider's signature before it reads anything (401 problem+json otherwise), because
 * the signature covers the very parameters, which a filter here could not see without the
 * endpoint's knowledge of each provider. Tried before the protocol and hosted-page chains; its
 * matcher is disjoint from the Actuator chain's.
 */
@Configuration(proxyBeanMethods = false)
class SmsReceiptsSecurityConfig {

	@Bean
	@Order(0)
	SecurityFilterChain smsReceiptsChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/sms/receipts/**")
			.authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.securityContext(context -> context.disable())
			.anonymous(anonymous -> anonymous.disable())
			.logout(logout -> logout.disable())
			// Signed by the provider, never sent by a browser with our cookies.
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

}
