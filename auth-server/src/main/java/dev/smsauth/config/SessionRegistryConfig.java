package dev.smsauth.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;

/**
 * The one session registry of the cluster: Spring Session's own store (table
 * {@code SPRING_SESSION}, indexed by principal name), seen alike by every node.
 *
 * <p>The authorization server finds a signed-in person's session here when it issues an ID token
 * (for {@code sid}, and {@code auth_time} with it) and when RP-initiated logout checks
 * {@code id_token_hint}. Without this bean it makes its own in-memory {@code SessionRegistryImpl}
 * per JVM: a code exchanged on another node than the one that saw the sign-in then found no
 * session, and since Spring Session JDBC publishes no session-destroyed events, that map never
 * forgot one either.
 */
@Configuration(proxyBeanMethods = false)
class SessionRegistryConfig {

	@Bean
	<S extends Session> SessionRegistry sessionRegistry(FindByIndexNameSessionRepository<S> sessions) {
		return new SpringSessionBackedSessionRegistry<>(sessions);
	}

}
