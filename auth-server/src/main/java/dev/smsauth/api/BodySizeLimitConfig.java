package dev.smsauth.api;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * Registers {@link BodySizeLimitFilter} for {@code /api/*} and for the SMS delivery-receipt webhooks
 * ({@code /sms/receipts/*}, a few hundred bytes each), ahead of security: big bodies cost even unauthenticated.
 */
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

	@Bean
	FilterRegistrationBean<BodySizeLimitFilter> smsReceiptBodySizeLimitFilter(
			@Value("${auth.sms.receipts.max-body-size:16KB}") DataSize maxBodySize) {
		FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
				new BodySizeLimitFilter(maxBodySize.toBytes()));
		registration.addUrlPatterns("/sms/receipts/*");
		// Both registrations hold the same filter class: without a name of its own, this one would be skipped.
		registration.setName("smsReceiptBodySizeLimitFilter");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
		return registration;
	}

}
