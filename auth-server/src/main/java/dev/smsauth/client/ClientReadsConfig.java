package dev.smsauth.client;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClientReadsConfig {

	@Bean
	ClientsReadThisRequest clientsReadThisRequest() {
		return new ClientsReadThisRequest();
	}

	/** Just before Spring Security's filters, the first that read a client. */
	@Bean
	FilterRegistrationBean<ClientsReadThisRequestFilter> clientsReadThisRequestFilter(ClientsReadThisRequest clients) {
		FilterRegistrationBean<ClientsReadThisRequestFilter> registration = new FilterRegistrationBean<>(
				new ClientsReadThisRequestFilter(clients));
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
		return registration;
	}

}
