package dev.smsauth.sms.twilio;

import java.net.URI;

import dev.smsauth.sms.ConditionalOnSmsProvider;
import dev.smsauth.sms.SmsReceiptProperties;
import dev.smsauth.sms.SmsSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires Twilio as an SMS provider when an SMS route names it ({@code auth.sms.routes.*} or
 * {@code auth.sms.provider=twilio}). The properties are bound (and so checked) only then.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSmsProvider("twilio")
@EnableConfigurationProperties(TwilioProperties.class)
public class TwilioSmsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(TwilioSmsConfiguration.class);

	@Bean
	TwilioCallbackUrl twilioCallbackUrl(SmsReceiptProperties receipts, @Value("${auth.issuer:}") String issuer) {
		TwilioCallbackUrl url = new TwilioCallbackUrl(receipts.publicUrl(issuer, TwilioReceiptController.PATH));
		if (url.url().isEmpty()) {
			log.warn("Twilio delivery receipts are off: neither auth.sms.receipts.public-base-url nor auth.issuer is set, "
					+ "so messages go out without a status callback and every callback is refused.");
		}
		return url;
	}

	@Bean
	public SmsSender twilioSmsSender(TwilioProperties properties, TwilioCallbackUrl callbackUrl) {
		return new TwilioSmsSender(properties, callbackUrl.url().map(URI::create).orElse(null));
	}

}
