package dev.smsauth.sms;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Settings of the circuit breakers, one per SMS provider ({@code auth.sms.breaker.*}), built by {@link SmsDelivery}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SmsBreakerProperties.class)
class SmsResilienceConfig {

}
