package dev.smsauth.demo.registration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;

import dev.smsauth.demo.DemoClientProperties;

/**
 * Our own repository makes Boot's property-based one back off, which would otherwise
 * contact the issuer while the application starts; the ID-token decoder takes the configured
 * signing algorithm.
 */
@Configuration(proxyBeanMethods = false)
class RegistrationConfiguration {

	@Bean
	ClientRegistrationRepository clientRegistrationRepository(DemoClientProperties properties) {
		return new LazyClientRegistrationRepository(properties);
	}

	/**
	 * Spring Security verifies ID tokens as RS256 unless told otherwise; the auth server signs them
	 * with the algorithm chosen for the application ({@code demo.id-token-signing-alg}). One
	 * algorithm, not every one discovery lists: a relying party accepts what it registered for.
	 * OAuth2 login picks this bean up by its type.
	 */
	@Bean
	JwtDecoderFactory<ClientRegistration> idTokenDecoderFactory(DemoClientProperties properties) {
		OidcIdTokenDecoderFactory factory = new OidcIdTokenDecoderFactory();
		factory.setJwsAlgorithmResolver(registration -> properties.idTokenSignatureAlgorithm());
		return factory;
	}

}
