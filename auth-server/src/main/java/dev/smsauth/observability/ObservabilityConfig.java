package dev.smsauth.observability;

import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * The request id and the protocol endpoints' metric names, as servlet filters ahead of security;
 * the CPU meter of password hashes and token signatures.
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfig {

	@Bean
	CryptoCpu cryptoCpu(MeterRegistry registry) {
		return new CryptoCpu(registry);
	}

	/** First of all filters, so that every log line of the request, security's included, has the id. */
	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/** Right after Spring's observation filter (HIGHEST_PRECEDENCE + 1), whose context it names. */
	@Bean
	FilterRegistrationBean<ProtocolEndpointObservationFilter> protocolEndpointObservationFilter(
			AuthorizationServerSettings settings) {
		Set<String> paths = Set.of(settings.getAuthorizationEndpoint(), settings.getTokenEndpoint(),
				settings.getJwkSetEndpoint(), settings.getTokenRevocationEndpoint(),
				settings.getTokenIntrospectionEndpoint(), settings.getOidcUserInfoEndpoint(),
				settings.getOidcLogoutEndpoint(), "/.well-known/openid-configuration",
				"/.well-known/oauth-authorization-server");
		FilterRegistrationBean<ProtocolEndpointObservationFilter> registration = new FilterRegistrationBean<>(
				new ProtocolEndpointObservationFilter(paths));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

}
