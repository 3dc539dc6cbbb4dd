package dev.smsauth.web;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReadsThisRequestConfig {

	@Bean
	ReadsThisRequest readsThisRequest() {
		return new ReadsThisRequest();
	}

	/** Just before Spring Security's filters, the first that read a client or an account. */
	@Bean
	FilterRegistrationBean<ReadsThisRequestFilter> readsThisRequestFilter(ReadsThisRequest reads) {
		FilterRegistrationBean<ReadsThisRequestFilter> registration = new FilterRegistrationBean<>(
				new ReadsThisRequestFilter(reads));
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
		return registration;
	}

}
