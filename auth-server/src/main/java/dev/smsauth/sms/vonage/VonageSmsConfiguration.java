package dev.smsauth.sms.vonage;

import dev.smsauth.sms.SmsSender;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires Vonage as the SMS provider when {@code auth.sms.provider=vonage}. The properties are bound
 * (and so checked) only then, so other providers need no Vonage settings.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "auth.sms.provider", havingValue = "vonage")
@EnableConfigurationProperties(VonageProperties.class)
public class VonageSmsConfiguration {

	@Bean
	public SmsSender vonageSmsSender(VonageProperties properties) {
		return new VonageSmsSender(properties);
	}

}
