package dev.smsauth.token;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The in-process check of a reference access token: only an access token of ours that is active
 * gets through, and it comes out with its stored claims, {@link Instant} times and SCOPE_
 * authorities (what OpaqueTokenAuthenticationProvider and the {@code /api} scope rule read).
 */
class StoredAccessTokenIntrospectorTests {

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private final RegisteredClient client = RegisteredClient.withId("app-1")
		.clientId("client-1")
		.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
		.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
		.scope("management")
		.build();

	private final InMemoryOAuth2AuthorizationService store = new InMemoryOAuth2AuthorizationService();

	private final StoredAccessTokenIntrospector introspector = new StoredAccessTokenIntrospector(store);

	private OAuth2Authorization grant(String accessToken, Instant expiresAt, boolean revoked) {
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, accessToken,
				now.minusSeconds(60), expiresAt, Set.of("management"));
		Map<String, Object> claims = Map.of("iss", "http://localhost:9000", "sub", "client-1", "aud",
				List.of("client-1"), "iat", now.minusSeconds(60), "exp", expiresAt, "nbf", now.minusSeconds(60),
				"jti", "jti-1", "scope", Set.of("management"));
		OAuth2Authorization grant = OAuth2Authorization.withRegisteredClient(client)
			.id("grant-" + accessToken)
			.principalName("client-1")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.authorizedScopes(Set.of("management"))
			.token(token, metadata -> {
				metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims);
				metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, revoked);
			})
			.refreshToken(new OAuth2RefreshToken("refresh-of-" + accessToken, now, now.plusSeconds(3600)))
			.build();
		store.save(grant);
		return grant;
	}

	@Test
	void whenActiveAccessTokenThenPrincipalWithStoredClaimsInstantTimesAndScopeAuthorities() {
		grant("live-token", now.plusSeconds(600), false);

		OAuth2AuthenticatedPrincipal principal = introspector.introspect("live-token");

		assertThat(principal.getName()).isEqualTo("client-1");
		assertThat(principal.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("SCOPE_management");
		assertThat(principal.getAttributes()).containsEntry("sub", "client-1")
			.containsEntry("aud", List.of("client-1"))
			.containsEntry("jti", "jti-1")
			.containsEntry("scope", List.of("management"))
			.containsEntry("token_type", "Bearer");
		assertThat((Instant) principal.getAttribute("iat")).isEqualTo(now.minusSeconds(60));
		assertThat((Instant) principal.getAttribute("exp")).isEqualTo(now.plusSeconds(600));
	}

	@Test
	void whenTokenUnknownExpiredRevokedOrNotAnAccessTokenThenBadOpaqueToken() {
		grant("expired-token", now.minusSeconds(1), false);
		grant("revoked-token", now.plusSeconds(600), true);
		grant("live-token", now.plusSeconds(600), false);

		for (String token : List.of("never-issued", "expired-token", "revoked-token", "refresh-of-live-token")) {
			assertThatThrownBy(() -> introspector.introspect(token)).as(token)
				.isInstanceOf(BadOpaqueTokenException.class)
				.hasMessage("The access token is not active");
		}
	}

}
