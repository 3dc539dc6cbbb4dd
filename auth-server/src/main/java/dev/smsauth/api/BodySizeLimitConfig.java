package dev.smsauth.api;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/** Registers {@link BodySizeLimitFilter} for {@code /api/*}, ahead of security: big bodies cost even unauthenticated. */
@Configuration(proxyBeanMethods = false)
class BodySizeLimitConfig {

	@Bean
	FilterRegistrationBean<BodySizeLimitFilter> apiBodySizeLimitFilter(
			@Value("${auth.api.max-body-size:512KB}") DataSize maxBodySize) {
		FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
				new BodySizeLimitFilter(maxBodySize.toBytes()));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
		return registration;
	}

}
