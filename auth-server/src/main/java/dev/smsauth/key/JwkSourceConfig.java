package dev.smsauth.key;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

@Configuration(proxyBeanMethods = false)
class JwkSourceConfig {

	/** The published keys: the JWKS endpoint and verification. */
	@Bean
	JWKSource<SecurityContext> jwkSource(SigningKeyStore store) {
		return new DatabaseJwkSource(store);
	}

	/**
	 * Signs with the current key only. Built on the published keys, the encoder would refuse to
	 * choose between several RS256 keys, and could pick a NEXT key that relying parties may not
	 * have fetched yet. The authorization server uses this bean instead of building its own.
	 */
	@Bean
	JwtEncoder jwtEncoder(SigningKeyStore store) {
		return new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(store.signingKey())));
	}

	/** Verifies our own access tokens in-process (management API, userinfo) without an HTTP hop. */
	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
		return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
	}

	@Bean
	KeyEncryption keyEncryption(SigningKeyProperties properties) {
		return new KeyEncryption(properties.encryptionKey());
	}

}
