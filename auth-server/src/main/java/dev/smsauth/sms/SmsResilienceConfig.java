package dev.smsauth.sms;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The circuit breaker around the SMS provider ({@code auth.sms.breaker.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SmsBreakerProperties.class)
class SmsResilienceConfig {

	@Bean
	SmsCircuitBreaker smsCircuitBreaker(SmsBreakerProperties properties, Clock clock) {
		return new SmsCircuitBreaker(properties, clock);
	}

}
