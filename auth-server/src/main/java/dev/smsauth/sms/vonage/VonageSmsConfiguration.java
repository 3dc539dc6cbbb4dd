package dev.smsauth.sms.vonage;

import dev.smsauth.sms.ConditionalOnSmsProvider;
import dev.smsauth.sms.SmsSender;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires Vonage as an SMS provider when an SMS route names it ({@code auth.sms.provider=vonage} or
 * {@code auth.sms.routes.*}). The properties are bound (and so checked) only then, so other providers need no Vonage settings.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSmsProvider("vonage")
@EnableConfigurationProperties({ VonageProperties.class, VonageSignatureProperties.class })
public class VonageSmsConfiguration {

	@Bean
	public SmsSender vonageSmsSender(VonageProperties properties) {
		return new VonageSmsSender(properties);
	}

}
