package dev.smsauth.config;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.smsauth.api.ProblemWriter;
import dev.smsauth.console.ConsoleAuthorizationManager;
import dev.smsauth.key.JwksCacheControlFilter;
import dev.smsauth.key.SigningKeyProperties;
import dev.smsauth.login.DisabledAccountSignOut;
import dev.smsauth.login.KnownAuthorizationParametersFilter;
import dev.smsauth.login.PostedAuthorizationRequests;
import dev.smsauth.login.PushedAuthorizationRequests;
import dev.smsauth.login.PromptAndMaxAgeFilter;
import dev.smsauth.mfa.ClientMfaAuthorizationManager;
import dev.smsauth.mfa.Factors;
import dev.smsauth.mfa.SecondFactorPolicy;
import dev.smsauth.observability.TokenIssuedMetrics;
import dev.smsauth.token.ClockedAuthorizationCodeGenerator;
import dev.smsauth.token.IdTokensNotIntrospected;
import dev.smsauth.token.PublicClientRefresh;
import dev.smsauth.token.RefreshTokenAbsoluteLifetime;
import dev.smsauth.token.RefreshTokenReuseDetection;
import dev.smsauth.token.StoredAccessTokenIntrospector;
import dev.smsauth.token.UserInfoMapper;
import dev.smsauth.user.UserService;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;

/**
 * The three security filter chains, in the order they are tried:
 * <ol>
 * <li>the authorization server's protocol endpoints, where the per-application SMS rule sits;</li>
 * <li>the management API ({@code /api/**}): bearer tokens with scope {@code management};</li>
 * <li>the hosted pages: sign-in, SMS step, consent, home.</li>
 * </ol>
 * The Actuator endpoints have a chain of their own, {@link ActuatorSecurityConfig}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfig {

	// No inline scripts or styles; pages can not be framed (../shared/SECURITY.md, web 3; OAuth 9).
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

	private static final String LOGIN_PAGE = "/login";

	private static final String SMS_PAGE = SecondFactorPolicy.SMS_PAGE;

	private static final String AUTHENTICATOR_PAGE = SecondFactorPolicy.AUTHENTICATOR_PAGE;

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerChain(HttpSecurity http, SecondFactorPolicy secondFactors,
			SecurityContextRepository contexts, RequestCache requestCache, UserInfoMapper userInfoMapper, OAuth2AuthorizationService authorizations,
			JdbcOperations jdbcOperations, Clock clock, TokenIssuedMetrics tokenMetrics,
			AuthorizationServerSettings settings, SigningKeyProperties keys, JwtDecoder jwtDecoder, UserService users,
			RegisteredClientRepository clients) throws Exception {
		RequestMatcher authorizeEndpoint = PathPatternRequestMatcher.pathPattern("/oauth2/authorize");
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
				.authenticationProviders(providers -> providers
					.replaceAll(provider -> provider instanceof OAuth2RefreshTokenAuthenticationProvider
							? new RefreshTokenReuseDetection(new RefreshTokenAbsoluteLifetime(provider, authorizations, clock),
									authorizations, jdbcOperations, clock, users::isActive)
							: provider))
				// The framework's own answer, counted once it is written (smsauth.tokens.issued).
				.accessTokenResponseHandler(
						tokenMetrics.around(new OAuth2AccessTokenResponseAuthenticationSuccessHandler())));
			// An ID token is not an access token, at introspection either.
			// Pushed authorization requests (RFC 9126): /oauth2/par, advertised in both discovery documents.
			server.pushedAuthorizationRequestEndpoint(Customizer.withDefaults());
			server.tokenIntrospectionEndpoint(introspection -> introspection.authenticationProviders(
					providers -> providers.replaceAll(provider -> new IdTokensNotIntrospected(provider, authorizations))));
			server.authorizationServerMetadataEndpoint(metadata -> metadata
				.authorizationServerMetadataCustomizer(m -> m.claim("acr_values_supported", acrValues())
					.tokenEndpointAuthenticationMethods(SecurityConfig::registrableClientAuthentication)
					.claim("authorization_response_iss_parameter_supported", true)));
			server.oidc(oidc -> oidc
				.providerConfigurationEndpoint(config -> config.providerConfigurationCustomizer(c -> c
					.claim("acr_values_supported", acrValues())
					.tokenEndpointAuthenticationMethods(SecurityConfig::registrableClientAuthentication)
					.claim("authorization_response_iss_parameter_supported", true)
					.claim("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr",
							"amr", "azp", "sid", "name", "preferred_username", "updated_at", "email",
							"email_verified", "phone_number", "phone_number_verified"))
					.claim("ui_locales_supported", List.of("en", "zh-CN"))
					.scopes(scopes -> scopes.addAll(List.of("openid", "profile", "email", "phone", "offline_access")))))
				.userInfoEndpoint(userInfo -> userInfo.userInfoMapper(userInfoMapper)));
		});
		http.authorizeHttpRequests(authorize -> authorize
			.requestMatchers(authorizeEndpoint).access(new ClientMfaAuthorizationManager(secondFactors))
			.anyRequest().authenticated());
		// Browsers reach the authorization and logout endpoints and are sent to the sign-in page; the
		// userinfo endpoint wants a bearer token; the other endpoints answer invalid_client.
		RequestMatcher browserEndpoints = new OrRequestMatcher(authorizeEndpoint,
				PathPatternRequestMatcher.pathPattern("/connect/logout"));
		http.exceptionHandling(exceptions -> exceptions
			.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE), browserEndpoints)
			.defaultAuthenticationEntryPointFor(new BearerTokenAuthenticationEntryPoint(),
					PathPatternRequestMatcher.pathPattern("/userinfo"))
			.defaultAuthenticationEntryPointFor(ProtocolEntryPoints.invalidClient(), AnyRequestMatcher.INSTANCE)
			// A signed-in user who lacks the second factor is sent to the SMS step, or to the
			// authenticator-app step when they set one up; the request is saved and resumed once the
			// code is verified.
			.defaultDeniedHandlerForMissingAuthority(new LoginUrlAuthenticationEntryPoint(SMS_PAGE),
					Factors.SMS_AUTHORITY)
			.defaultDeniedHandlerForMissingAuthority(new LoginUrlAuthenticationEntryPoint(AUTHENTICATOR_PAGE),
					Factors.TOTP_AUTHORITY));
		// Userinfo is called with our own access tokens, JWT or reference. The userinfo endpoint itself
		// then checks the token is still live in the store.
		AccessTokenAuthenticationProvider accessTokens = new AccessTokenAuthenticationProvider(jwtDecoder,
				new StoredAccessTokenIntrospector(authorizations));
		http.authenticationProvider(accessTokens);
		// A bearer token is read at userinfo only (header or form body): never a sign-in elsewhere.
		http.oauth2ResourceServer(resourceServer -> resourceServer
				.bearerTokenResolver(new ResourceBearerTokens(
						PathPatternRequestMatcher.pathPattern(settings.getOidcUserInfoEndpoint())))
				.jwt(jwt -> jwt.authenticationManager(accessTokens.manager())));
		// A session of a user disabled or deleted since gets no code (and prompt=none no answer but login_required).
		http.addFilterBefore(new DisabledAccountSignOut(users, authorizeEndpoint), AnonymousAuthenticationFilter.class);
		http.addFilterBefore(new PromptAndMaxAgeFilter(secondFactors, clock), AuthorizationFilter.class);
		// The factor pages add factors and resume requests with these same two objects (ProvenFactors).
		http.securityContext(context -> context.securityContextRepository(contexts));
		http.requestCache(cache -> cache.requestCache(requestCache));
		http.addFilterBefore(new KnownAuthorizationParametersFilter(), SecurityContextHolderFilter.class);
		http.addFilterBefore(new PostedAuthorizationRequests(settings.getAuthorizationEndpoint()),
				SecurityContextHolderFilter.class);
		http.addFilterBefore(new PushedAuthorizationRequests(settings.getAuthorizationEndpoint(), clients, authorizations),
				SecurityContextHolderFilter.class);
		http.addFilterBefore(new JwksCacheControlFilter(settings.getJwkSetEndpoint(), keys.jwksMaxAge()),
				SecurityContextHolderFilter.class);
		http.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain managementApiChain(HttpSecurity http, JwtDecoder jwtDecoder,
			OAuth2AuthorizationService authorizations) throws Exception {
		// JWTs must also still be live in the store; reference tokens are only ever checked there.
		AccessTokenAuthenticationProvider accessTokens = new AccessTokenAuthenticationProvider(
				new ActiveAccessTokenDecoder(jwtDecoder, authorizations), new StoredAccessTokenIntrospector(authorizations));
		http.securityMatcher("/api/**")
			.authenticationProvider(accessTokens)
			.authorizeHttpRequests(authorize -> authorize.anyRequest().hasAuthority("SCOPE_management"))
			.oauth2ResourceServer(resourceServer -> resourceServer
				.jwt(jwt -> jwt.authenticationManager(accessTokens.manager()))
				.authenticationEntryPoint(ProblemWriter.unauthorized())
				.accessDeniedHandler(ProblemWriter.forbidden()))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(ProblemWriter.unauthorized())
				.accessDeniedHandler(ProblemWriter.forbidden()))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// Bearer tokens are not sent automatically by browsers, so CSRF does not apply.
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain hostedPagesChain(HttpSecurity http, SecondFactorPolicy secondFactors,
			SecurityContextRepository contexts, RequestCache requestCache, UserService users) throws Exception {
		DefaultRedirectStrategy seeOther = new DefaultRedirectStrategy();
		seeOther.setStatusCode(HttpStatus.SEE_OTHER);
		SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();
		success.setRedirectStrategy(seeOther);
		// Throttled sign-ins get their own message; every other failure the same one (no enumeration).
		ExceptionMappingAuthenticationFailureHandler failure = new ExceptionMappingAuthenticationFailureHandler();
		failure.setDefaultFailureUrl(LOGIN_PAGE + "?error");
		failure.setExceptionMappings(Map.of("dev.smsauth.login.SignInThrottledException", LOGIN_PAGE + "?error=throttled"));
		failure.setRedirectStrategy(seeOther);
		http.authorizeHttpRequests(authorize -> authorize
			.requestMatchers(LOGIN_PAGE, "/css/**", "/js/**", "/favicon.ico", "/error", "/v3/api-docs",
					"/v3/api-docs/**")
			.permitAll()
			.requestMatchers("/console", "/console/**")
			.access(new ConsoleAuthorizationManager(secondFactors, users))
			.anyRequest()
			.authenticated())
			.formLogin(form -> form.loginPage(LOGIN_PAGE).successHandler(success).failureHandler(failure))
			.logout(logout -> logout.logoutSuccessUrl(LOGIN_PAGE + "?logout"))
			// The console needs a second factor: send an administrator without one to the SMS step, or
			// to the authenticator-app step when they set one up.
			.exceptionHandling(exceptions -> exceptions
				.defaultDeniedHandlerForMissingAuthority(new LoginUrlAuthenticationEntryPoint(SMS_PAGE),
						Factors.SMS_AUTHORITY)
				.defaultDeniedHandlerForMissingAuthority(new LoginUrlAuthenticationEntryPoint(AUTHENTICATOR_PAGE),
						Factors.TOTP_AUTHORITY))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
		// Every page but static files: a session of a user disabled or deleted since is ended, not
		// served (the SMS step would otherwise still send codes to them).
		RequestMatcher staticFiles = new OrRequestMatcher(PathPatternRequestMatcher.pathPattern("/css/**"),
				PathPatternRequestMatcher.pathPattern("/js/**"), PathPatternRequestMatcher.pathPattern("/favicon.ico"));
		http.addFilterBefore(new DisabledAccountSignOut(users, request -> !staticFiles.matches(request)),
				AnonymousAuthenticationFilter.class);
		http.securityContext(context -> context.securityContextRepository(contexts));
		http.requestCache(cache -> cache.requestCache(requestCache));
		return http.build();
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(AuthProperties properties) {
		AuthorizationServerSettings.Builder builder = AuthorizationServerSettings.builder();
		if (StringUtils.hasText(properties.issuer())) {
			builder.issuer(properties.issuer());
		}
		return builder.build();
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
		return List.of(Factors.ACR_PASSWORD, Factors.ACR_MFA);
	}

}
