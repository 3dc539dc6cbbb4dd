package dev.smsauth.config;

import java.util.Map;

import dev.smsauth.client.Sha256SecretEncoder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * One {@link PasswordEncoder} bean serves both kinds of secret by prefix: user passwords are
 * encoded as {@code {bcrypt}} (the default for new values), client secrets are stored as
 * {@code {sha256}} by {@link dev.smsauth.client.ApplicationService}. The authorization server's
 * client authentication picks this bean up.
 */
@Configuration(proxyBeanMethods = false)
class PasswordEncoderConfig {

	@Bean
	PasswordEncoder passwordEncoder() {
		return new DelegatingPasswordEncoder("bcrypt",
				Map.of("bcrypt", new BCryptPasswordEncoder(), Sha256SecretEncoder.ID, new Sha256SecretEncoder()));
	}

}
