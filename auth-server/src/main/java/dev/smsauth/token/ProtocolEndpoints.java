package dev.smsauth.token;

import java.time.Clock;
import java.util.List;

import dev.smsauth.client.SigningAlgorithm;
import dev.smsauth.mfa.Factors;
import dev.smsauth.observability.TokenIssuedMetrics;
import dev.smsauth.user.UserService;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;

/**
 * The token and discovery part of the protocol chain: the authorization server's endpoints (and
 * with them the chain's matcher), their code generator, the token endpoint's providers (refresh
 * rotation with reuse detection and an absolute lifetime, public-client refresh), introspection,
 * PAR, and what both discovery documents advertise.
 *
 * <p>Not a bean on purpose: Spring Security 7 applies every {@code Customizer<HttpSecurity>} bean
 * to every chain; {@code config.SecurityConfig} applies this one to the protocol chain only.
 */
public final class ProtocolEndpoints implements Customizer<HttpSecurity> {

	private final Clock clock;

	private final OAuth2AuthorizationService authorizations;

	private final JdbcOperations jdbcOperations;

	private final TokenIssuedMetrics tokenMetrics;

	private final UserService users;

	private final RegisteredClientRepository clients;

	private final UserInfoMapper userInfoMapper;

	private final SessionRegistry codeExchangeSessions;

	private final OAuth2TokenGenerator<? extends OAuth2Token> tokens;

	/**
	 * @param codeExchangeSessions the registry the code exchange takes the ID token's {@code sid}
	 * from: the newest live session of the person (the framework asks for all of them to take that one)
	 * @param tokens the authorization server's token generator (the refresh provider is built here)
	 */
	public ProtocolEndpoints(Clock clock, OAuth2AuthorizationService authorizations, JdbcOperations jdbcOperations,
			TokenIssuedMetrics tokenMetrics, UserService users, RegisteredClientRepository clients,
			UserInfoMapper userInfoMapper, SessionRegistry codeExchangeSessions,
			OAuth2TokenGenerator<? extends OAuth2Token> tokens) {
		this.clock = clock;
		this.authorizations = authorizations;
		this.jdbcOperations = jdbcOperations;
		this.tokenMetrics = tokenMetrics;
		this.users = users;
		this.clients = clients;
		this.userInfoMapper = userInfoMapper;
		this.codeExchangeSessions = codeExchangeSessions;
		this.tokens = tokens;
	}

	@Override
	public void customize(HttpSecurity http) {
		http.oauth2AuthorizationServer(server -> {
			http.securityMatcher(server.getEndpointsMatcher());
			ClockedAuthorizationCodeGenerator codes = new ClockedAuthorizationCodeGenerator(clock);
			server.authorizationEndpoint(endpoint -> endpoint.consentPage("/oauth2/consent")
				.authenticationProviders(providers -> providers.forEach(provider -> {
					if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider request) {
						request.setAuthorizationCodeGenerator(codes);
					}
					else if (provider instanceof OAuth2AuthorizationConsentAuthenticationProvider consent) {
						consent.setAuthorizationCodeGenerator(codes);
					}
				}))
				.authorizationResponseHandler(IssuerInAuthorizationResponse.success())
				.errorResponseHandler(IssuerInAuthorizationResponse.failure()));
			// Public clients (native and single-page apps) may refresh: client_id only, rotation and reuse
			// detection as for everyone.
			server.clientAuthentication(client -> client
				.authenticationConverters(converters -> converters.add(PublicClientRefresh.converter()))
				.authenticationProviders(providers -> providers.add(0, PublicClientRefresh.provider(clients))));
			server.tokenEndpoint(token -> token
				.authenticationProviders(providers -> {
					// The framework's refresh provider, over the grant the reuse detection has just read.
					providers.replaceAll(provider -> provider instanceof OAuth2RefreshTokenAuthenticationProvider
							? new RefreshTokenReuseDetection(store -> new OAuth2RefreshTokenAuthenticationProvider(store, tokens),
									authorizations, jdbcOperations, clock, users::isActive)
							: provider);
					providers.forEach(provider -> {
						if (provider instanceof OAuth2AuthorizationCodeAuthenticationProvider code) {
							code.setSessionRegistry(codeExchangeSessions);
						}
					});
				})
				// The framework's own answer, counted once it is written (smsauth.tokens.issued).
				.accessTokenResponseHandler(
						tokenMetrics.around(new OAuth2AccessTokenResponseAuthenticationSuccessHandler())));
			// Pushed authorization requests (RFC 9126): /oauth2/par, advertised in both discovery documents.
			server.pushedAuthorizationRequestEndpoint(Customizer.withDefaults());
			// An ID token is not an access token, at introspection either. The framework's provider reads
			// the token's client again by id; that read is answered from this request's own read
			// (web.ReadsThisRequest), not the database.
			server.tokenIntrospectionEndpoint(introspection -> introspection.authenticationProviders(
					providers -> providers.replaceAll(provider -> new IdTokensNotIntrospected(provider, authorizations))));
			server.authorizationServerMetadataEndpoint(metadata -> metadata
				.authorizationServerMetadataCustomizer(m -> m.claim("acr_values_supported", acrValues())
					// Not an RFC 8414 member, but the same answer as OpenID discovery's, for clients that read this one.
					.claim("id_token_signing_alg_values_supported", SigningAlgorithm.names())
					.tokenEndpointAuthenticationMethods(ProtocolEndpoints::registrableClientAuthentication)
					.claim("authorization_response_iss_parameter_supported", true)));
			server.oidc(oidc -> oidc
				.providerConfigurationEndpoint(config -> config.providerConfigurationCustomizer(c -> c
					.claim("acr_values_supported", acrValues())
					.idTokenSigningAlgorithms(algorithms -> {
						algorithms.clear();
						algorithms.addAll(SigningAlgorithm.names());
					})
					.tokenEndpointAuthenticationMethods(ProtocolEndpoints::registrableClientAuthentication)
					.claim("authorization_response_iss_parameter_supported", true)
					.claim("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr",
							"amr", "azp", "sid", "name", "preferred_username", "updated_at", "email",
							"email_verified", "phone_number", "phone_number_verified"))
					.claim("ui_locales_supported", List.of("en", "zh-CN"))
					.scopes(scopes -> scopes.addAll(List.of("openid", "profile", "email", "phone", "offline_access")))))
				.userInfoEndpoint(userInfo -> userInfo.authenticationProviders(providers -> providers
					.replaceAll(provider -> provider instanceof OidcUserInfoAuthenticationProvider ? userInfoProvider() : provider))));
		});
	}

	/**
	 * The framework's userinfo provider with our mapper (claims read fresh from the user table), given
	 * the grant the bearer check of this request already read ({@link BearerGrantOfThisRequest}).
	 */
	private OidcUserInfoAuthenticationProvider userInfoProvider() {
		OidcUserInfoAuthenticationProvider provider = new OidcUserInfoAuthenticationProvider(
				new BearerGrantOfThisRequest(authorizations));
		provider.setUserInfoMapper(userInfoMapper);
		return provider;
	}

	/**
	 * The client authentication methods an application can be registered with (ApplicationService):
	 * a secret in the header or the body for confidential ones, none for public ones. The framework
	 * would also advertise private_key_jwt, client_secret_jwt and the mTLS methods.
	 */
	private static void registrableClientAuthentication(List<String> methods) {
		methods.clear();
		methods.addAll(List.of("client_secret_basic", "client_secret_post", "none"));
	}

	private static List<String> acrValues() {
		return List.of(Factors.ACR_PASSWORD, Factors.ACR_MFA, Factors.ACR_PHISHING_RESISTANT);
	}

}
