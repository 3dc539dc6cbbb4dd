package dev.smsauth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import dev.smsauth.audit.AuditProperties;
import dev.smsauth.cleanup.CleanupProperties;
import dev.smsauth.config.AuthProperties;
import dev.smsauth.key.SigningKeyProperties;
import dev.smsauth.mfa.sms.SmsProperties;
import dev.smsauth.sms.outbox.OutboxProperties;
import dev.smsauth.mfa.totp.TotpProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The OAuth 2.1 / OpenID Connect authorization server with a per-application SMS step. */
@SpringBootApplication
// Provider-specific properties (e.g. Vonage) are enabled by their own conditional configuration.
@EnableConfigurationProperties({ AuthProperties.class, SmsProperties.class, AuditProperties.class,
		CleanupProperties.class, SigningKeyProperties.class, TotpProperties.class, OutboxProperties.class })
public class AuthServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(AuthServerApplication.class, args);
	}

}
