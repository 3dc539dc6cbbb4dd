package dev.smsauth.config;

import java.time.Clock;

import dev.smsauth.client.ParsedOnceRegisteredClientRepository;
import dev.smsauth.web.ReadsThisRequest;
import dev.smsauth.token.IndexedAuthorizationService;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The authorization server's state in the database (so every node sees the same clients, grants
 * and consents), and the one {@link Clock} that tests replace to move time.
 */
@Configuration(proxyBeanMethods = false)
class InfrastructureConfig {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc, ReadsThisRequest thisRequest) {
		return new ParsedOnceRegisteredClientRepository(jdbc, thisRequest);
	}

	@Bean
	OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients,
			Clock clock, ReadsThisRequest thisRequest) {
		return new IndexedAuthorizationService(jdbc, clients, clock, thisRequest);
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(JdbcTemplate jdbc,
			RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
	}

}
