package dev.smsauth.demo.registration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import dev.smsauth.demo.DemoClientProperties;

/**
 * Our own repository makes Boot's property-based one back off, which would otherwise
 * contact the issuer while the application starts.
 */
@Configuration(proxyBeanMethods = false)
class RegistrationConfiguration {

	@Bean
	ClientRegistrationRepository clientRegistrationRepository(DemoClientProperties properties) {
		return new LazyClientRegistrationRepository(properties);
	}

}
