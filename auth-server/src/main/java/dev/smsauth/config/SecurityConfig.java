package dev.smsauth.config;

import java.time.Clock;

import dev.smsauth.api.ProblemWriter;
import dev.smsauth.console.ConsoleAccess;
import dev.smsauth.key.JwksCacheControlFilter;
import dev.smsauth.key.SigningKeyProperties;
import dev.smsauth.login.AuthorizationRequestFilters;
import dev.smsauth.login.DisabledAccountSignOut;
import dev.smsauth.login.FormSignIn;
import dev.smsauth.mfa.SecondFactorPolicy;
import dev.smsauth.mfa.SecondFactorRules;
import dev.smsauth.mfa.passkey.PasskeyRegistration;
import dev.smsauth.mfa.totp.FreshSignIn;
import dev.smsauth.observability.TokenIssuedMetrics;
import dev.smsauth.token.AccountOfAccessToken;
import dev.smsauth.token.ProtocolEndpoints;
import dev.smsauth.token.StoredAccessTokenIntrospector;
import dev.smsauth.token.UserInfoMapper;
import dev.smsauth.user.UserService;
import dev.smsauth.web.ResumedInPlace;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.util.StringUtils;

/**
 * The three security filter chains, in the order they are tried:
 * <ol>
 * <li>the authorization server's protocol endpoints, where the per-application SMS rule sits;</li>
 * <li>the management API ({@code /api/**}): bearer tokens with scope {@code management};</li>
 * <li>the hosted pages: sign-in, SMS step, consent, home.</li>
 * </ol>
 * The Actuator endpoints have a chain of their own, {@link ActuatorSecurityConfig}.
 *
 * <p>Each owner contributes its part of a chain as a {@code Customizer<HttpSecurity>}
 * ({@link ProtocolEndpoints}, {@link SecondFactorRules}, {@link AuthorizationRequestFilters},
 * {@link FormSignIn}, {@link ConsoleAccess}, {@link PasskeyRegistration}); this class assembles them in order. They are created
 * here, not declared as beans, because Spring Security 7 applies every
 * {@code Customizer<HttpSecurity>} bean to every chain, the Actuator chain included. The order of
 * the calls below is kept as it was: filters added at the same place run in the order they are added.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfig {

	// No inline scripts or styles; pages can not be framed (../shared/SECURITY.md, web 3; OAuth 9).
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerChain(HttpSecurity http, SecondFactorPolicy secondFactors,
			SecurityContextRepository contexts, RequestCache requestCache, UserInfoMapper userInfoMapper, OAuth2AuthorizationService authorizations,
			JdbcOperations jdbcOperations, Clock clock, TokenIssuedMetrics tokenMetrics,
			AuthorizationServerSettings settings, SigningKeyProperties keys, UserService users,
			RegisteredClientRepository clients, SessionRegistry sessions, OAuth2TokenGenerator<OAuth2Token> tokenGenerator,
			AccountOfAccessToken accountOfAccessToken) throws Exception {
		RequestMatcher authorizeEndpoint = PathPatternRequestMatcher.pathPattern("/oauth2/authorize");
		new ProtocolEndpoints(clock, authorizations, jdbcOperations, tokenMetrics, users, clients, userInfoMapper,
				IndexedSessionRegistry.forCodeExchange(sessions), tokenGenerator)
			.customize(http);
		http.exceptionHandling(ProtocolEntryPoints.byEndpoint(authorizeEndpoint));
		new SecondFactorRules(secondFactors, authorizeEndpoint).customize(http);
		http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated());
		new UserInfoBearerTokens(authorizations, accountOfAccessToken, settings.getOidcUserInfoEndpoint()).customize(http);
		new AuthorizationRequestFilters(users, secondFactors, clock, settings, clients, authorizations, authorizeEndpoint)
			.customize(http);
		// The factor pages add factors and resume requests with these same two objects (ProvenFactors).
		http.securityContext(context -> context.securityContextRepository(contexts));
		http.requestCache(cache -> cache.requestCache(requestCache));
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
			SecurityContextRepository contexts, RequestCache requestCache, UserService users,
			WebAuthnRelyingPartyOperations relyingParty, UserCredentialRepository passkeys,
			PublicKeyCredentialUserEntityRepository passkeyUsers, FreshSignIn freshSignIn, ResumedInPlace resumedInPlace)
			throws Exception {
		http.authorizeHttpRequests(authorize -> authorize
			.requestMatchers(FormSignIn.LOGIN_PAGE, "/css/**", "/js/**", "/favicon.ico", "/error", "/v3/api-docs",
					"/v3/api-docs/**")
			.permitAll());
		new ConsoleAccess(secondFactors, users).customize(http);
		new PasskeyRegistration(relyingParty, passkeys, passkeyUsers, freshSignIn, users).customize(http);
		http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated());
		new FormSignIn(secondFactors, requestCache, resumedInPlace).customize(http);
		// The console needs a second factor: send an administrator without one to the SMS step, or
		// to the authenticator-app step when they set one up.
		http.exceptionHandling(SecondFactorRules.missingFactorPages())
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

}
