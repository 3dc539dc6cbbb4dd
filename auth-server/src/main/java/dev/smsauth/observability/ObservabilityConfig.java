package dev.smsauth.observability;

import java.util.Set;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/** The protocol endpoints' metric names, as a servlet filter ahead of security. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfig {

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
