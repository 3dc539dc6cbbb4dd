package dev.smsauth.config;

import dev.smsauth.login.UiLocalesLocaleResolver;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

@Configuration(proxyBeanMethods = false)
class WebConfig {

	@Bean
	LocaleResolver localeResolver() {
		return new UiLocalesLocaleResolver();
	}

}
