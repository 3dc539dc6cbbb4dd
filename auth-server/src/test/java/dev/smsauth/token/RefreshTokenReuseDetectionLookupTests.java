package dev.smsauth.token;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * One lookup of the presented refresh token per refresh: the grant the reuse detection reads (and
 * checks the absolute lifetime on) is the one the framework's provider rotates, not read again.
 * The rotation itself, reuse and races are covered over HTTP and on the real store
 * ({@code RefreshTokenReuseTests}, {@code ConcurrentGrantUseTests}, the store's contract tests).
 */
class RefreshTokenReuseDetectionLookupTests {

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private final RegisteredClient client = RegisteredClient.withId("app-id")
		.clientId("app")
		.clientSecret("{noop}secret")
		.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
		.redirectUri("https://rp.example.com/cb")
		.scope("read")
		.tokenSettings(TokenSettings.builder().accessTokenFormat(OAuth2TokenFormat.REFERENCE).reuseRefreshTokens(false).build())
		.build();

	private final CountingStore store = new CountingStore();

	private final JdbcOperations history = mock(JdbcOperations.class);

	private final RefreshTokenReuseDetection refresh = new RefreshTokenReuseDetection(
			rotatingStore -> new OAuth2RefreshTokenAuthenticationProvider(rotatingStore,
					new DelegatingOAuth2TokenGenerator(new OAuth2AccessTokenGenerator(), new OAuth2RefreshTokenGenerator())),
			store, history, Clock.systemUTC(), user -> true);

	@BeforeEach
	void serverContext() {
		// As the framework's AuthorizationServerContextFilter leaves it for the token endpoint.
		AuthorizationServerSettings settings = AuthorizationServerSettings.builder().issuer("https://auth.example.com").build();
		AuthorizationServerContextHolder.setContext(new AuthorizationServerContext() {

			@Override
			public String getIssuer() {
				return settings.getIssuer();
			}

			@Override
			public AuthorizationServerSettings getAuthorizationServerSettings() {
				return settings;
			}

		});
	}

	@AfterEach
	void resetContext() {
		AuthorizationServerContextHolder.resetContext();
	}

	@Test
	void whenARefreshTokenIsRotatedThenItsGrantIsLookedUpOnceAndSavedOnce() {
		store.save(grant("refresh-1"));
		store.saves.clear();

		OAuth2AccessTokenAuthenticationToken rotated = (OAuth2AccessTokenAuthenticationToken) refresh
			.authenticate(request("refresh-1"));

		assertThat(rotated.getRefreshToken().getTokenValue()).isNotEqualTo("refresh-1");
		assertThat(store.lookups).containsExactly("refresh-1");
		assertThat(store.saves).hasSize(1);
		assertThat(store.findByToken(rotated.getRefreshToken().getTokenValue(), OAuth2TokenType.REFRESH_TOKEN))
			.isNotNull();
		verifyNoInteractions(history);
	}

	@Test
	void whenTheRefreshTokenIsUnknownThenTheFrameworkLooksItUpItselfAndRefuses() {
		assertThatThrownBy(() -> refresh.authenticate(request("nobody-issued-this")))
			.isInstanceOf(OAuth2AuthenticationException.class)
			.extracting(ex -> ((OAuth2AuthenticationException) ex).getError().getErrorCode())
			.isEqualTo("invalid_grant");
		assertThat(store.lookups).containsExactly("nobody-issued-this", "nobody-issued-this");
	}

	private OAuth2RefreshTokenAuthenticationToken request(String refreshToken) {
		OAuth2ClientAuthenticationToken authenticated = new OAuth2ClientAuthenticationToken(client,
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC, null);
		return new OAuth2RefreshTokenAuthenticationToken(refreshToken, authenticated, Set.of(), Map.of());
	}

	private OAuth2Authorization grant(String refreshToken) {
		return OAuth2Authorization.withRegisteredClient(client)
			.id("grant-" + refreshToken)
			.principalName("user-1")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(Set.of("read"))
			.attribute(Principal.class.getName(), new TestingAuthenticationToken("user-1", null, "ROLE_USER"))
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-of-" + refreshToken, now,
					now.plus(Duration.ofMinutes(5)), Set.of("read")))
			.refreshToken(new OAuth2RefreshToken(refreshToken, now, now.plus(Duration.ofHours(1))))
			.build();
	}

	/** The in-memory store, recording the refresh-token lookups and the saves that reach it. */
	private static final class CountingStore implements OAuth2AuthorizationService {

		private final InMemoryOAuth2AuthorizationService store = new InMemoryOAuth2AuthorizationService();

		private final List<String> lookups = new ArrayList<>();

		private final List<OAuth2Authorization> saves = new ArrayList<>();

		@Override
		public void save(OAuth2Authorization authorization) {
			saves.add(authorization);
			store.save(authorization);
		}

		@Override
		public void remove(OAuth2Authorization authorization) {
			store.remove(authorization);
		}

		@Override
		public OAuth2Authorization findById(String id) {
			return store.findById(id);
		}

		@Override
		public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
			if (OAuth2TokenType.REFRESH_TOKEN.equals(tokenType)) {
				lookups.add(token);
			}
			return store.findByToken(token, tokenType);
		}

	}

}
