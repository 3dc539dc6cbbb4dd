package dev.smsauth.mfa.passkey;

import java.util.Set;

import dev.smsauth.config.AuthProperties;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;

/**
 * Spring Security's WebAuthn pieces, stored in the database (tables of V13) so every node sees
 * every passkey, with the relying party derived from the issuer ({@link RelyingParty}: a wrong
 * issuer stops the start-up here).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PasskeyProperties.class)
class PasskeyConfig {

	@Bean
	RelyingParty passkeyRelyingParty(AuthProperties auth, PasskeyProperties properties,
			@Value("${server.port:8080}") int port) {
		return RelyingParty.of(auth.issuer(), port, properties);
	}

	@Bean
	PublicKeyCredentialUserEntityRepository passkeyUserEntities(JdbcOperations jdbc) {
		return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
	}

	@Bean
	UserCredentialRepository passkeyCredentials(JdbcOperations jdbc) {
		return new JdbcUserCredentialRepository(jdbc);
	}

	@Bean
	WebAuthnRelyingPartyOperations passkeyRelyingPartyOperations(PublicKeyCredentialUserEntityRepository userEntities,
			UserCredentialRepository credentials, RelyingParty relyingParty) {
		return new Webauthn4JRelyingPartyOperations(userEntities, credentials,
				PublicKeyCredentialRpEntity.builder().id(relyingParty.id()).name(relyingParty.name()).build(),
				Set.of(relyingParty.origin()));
	}

}
