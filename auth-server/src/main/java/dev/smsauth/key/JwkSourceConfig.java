package dev.smsauth.key;

import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.smsauth.observability.CryptoCpu;
import dev.smsauth.token.AccessTokens;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;

@Configuration(proxyBeanMethods = false)
class JwkSourceConfig {

	/** The published keys: the JWKS endpoint and verification. */
	@Bean
	JWKSource<SecurityContext> jwkSource(SigningKeyStore store) {
		return new DatabaseJwkSource(store);
	}

	/**
	 * Signs with the current key of the header's algorithm only ({@link ActiveKeySource}). Built on
	 * the published keys, the encoder would refuse to choose between several keys of one algorithm,
	 * and could pick a NEXT key that relying parties may not have fetched yet. The authorization
	 * server uses this bean instead of building its own. The signatures go through the provider
	 * {@code auth.keys.signature-provider} names ({@link SignatureProviders}).
	 */
	@Bean
	JwtEncoder jwtEncoder(SigningKeyStore store, SigningKeyProperties properties, CryptoCpu cpu) {
		return new ActiveKeyJwtEncoder(new ActiveKeySource(store), SignatureProviders.choose(properties.signatureProvider()),
				cpu);
	}

	/**
	 * Verifies our own access tokens in-process (management API, metrics; userinfo checks them by lookup) without an HTTP
	 * hop, of every algorithm we sign with (RS256, PS256, ES256 are all in the signature family): signature, expiry, and the access-token type {@code at+jwt}. ID tokens are signed with the
	 * same keys; the type is what refuses them as bearer tokens (they have none).
	 */
	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
		// As the framework's OAuth2AuthorizationServerConfiguration.jwtDecoder, but Nimbus's type check
		// asks for at+jwt instead of accepting "JWT" or no type at all.
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.copyOf(JWSAlgorithm.Family.SIGNATURE), jwkSource));
		processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(AccessTokens.JWT_TYPE),
				new JOSEObjectType(AccessTokens.JWT_MEDIA_TYPE)));
		processor.setJWTClaimsSetVerifier((claims, context) -> {
			// Spring's validators below check the claims.
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
				new JwtTypeValidator(AccessTokens.JWT_TYPE, AccessTokens.JWT_MEDIA_TYPE)));
		return decoder;
	}

	@Bean
	KeyEncryption keyEncryption(SigningKeyProperties properties) {
		return new KeyEncryption(properties.encryptionKey());
	}

}
