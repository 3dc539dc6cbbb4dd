package dev.smsauth.token;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Introspection through the framework's own provider: a client introspecting its own token gets
 * its {@code client_id} from the client this request authenticated (no second read of its row);
 * another client's token, or no authenticated client, still reads the repository.
 */
class ClientOfThisRequestTests {

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private final RegisteredClient resourceServer = client("rs-id", "resource-server");

	private final RegisteredClient app = client("app-id", "app");

	private final CountingClients clients = new CountingClients(resourceServer, app);

	private final InMemoryOAuth2AuthorizationService store = new InMemoryOAuth2AuthorizationService();

	private final OAuth2TokenIntrospectionAuthenticationProvider provider = new OAuth2TokenIntrospectionAuthenticationProvider(
			new ClientOfThisRequest(clients), store);

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void whenAClientIntrospectsItsOwnTokenThenItsClientIdComesFromItsAuthenticationWithoutAnotherRead() {
		grant(resourceServer, "own-token");

		OAuth2TokenIntrospectionAuthenticationToken answer = introspect(resourceServer, "own-token");

		assertThat(answer.getTokenClaims().isActive()).isTrue();
		assertThat(answer.getTokenClaims().getClientId()).isEqualTo("resource-server");
		assertThat(clients.reads).isEmpty();
	}

	@Test
	void whenAClientIntrospectsAnotherClientsTokenThenThatClientIsReadFromTheRepository() {
		grant(app, "app-token");

		OAuth2TokenIntrospectionAuthenticationToken answer = introspect(resourceServer, "app-token");

		assertThat(answer.getTokenClaims().isActive()).isTrue();
		assertThat(answer.getTokenClaims().getClientId()).isEqualTo("app");
		assertThat(clients.reads).containsExactly("app-id");
	}

	@Test
	void whenNoClientIsAuthenticatedInThisRequestThenTheRepositoryAnswers() {
		ClientOfThisRequest view = new ClientOfThisRequest(clients);
		SecurityContextHolder.getContext()
			.setAuthentication(new OAuth2ClientAuthenticationToken("resource-server",
					ClientAuthenticationMethod.CLIENT_SECRET_BASIC, "secret", null));

		assertThat(view.findById("rs-id")).isEqualTo(resourceServer);
		assertThat(clients.reads).containsExactly("rs-id");
	}

	private OAuth2TokenIntrospectionAuthenticationToken introspect(RegisteredClient caller, String token) {
		OAuth2ClientAuthenticationToken authenticated = new OAuth2ClientAuthenticationToken(caller,
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC, null);
		// As OAuth2ClientAuthenticationFilter leaves it for the endpoint's providers.
		SecurityContextHolder.getContext().setAuthentication(authenticated);
		return (OAuth2TokenIntrospectionAuthenticationToken) provider
			.authenticate(new OAuth2TokenIntrospectionAuthenticationToken(token, authenticated, null, null));
	}

	private void grant(RegisteredClient owner, String accessToken) {
		store.save(OAuth2Authorization.withRegisteredClient(owner)
			.id("grant-" + accessToken)
			.principalName(owner.getClientId())
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, accessToken, now.minusSeconds(60),
					now.plusSeconds(600), Set.of("read")))
			.build());
	}

	private static RegisteredClient client(String id, String clientId) {
		return RegisteredClient.withId(id)
			.clientId(clientId)
			.clientSecret("{noop}secret-of-" + clientId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("read")
			.build();
	}

	/** Counts the reads by id, the ones introspection makes. */
	private static final class CountingClients implements RegisteredClientRepository {

		private final RegisteredClientRepository clients;

		private final List<String> reads = new ArrayList<>();

		CountingClients(RegisteredClient... registered) {
			this.clients = new InMemoryRegisteredClientRepository(registered);
		}

		@Override
		public void save(RegisteredClient registeredClient) {
			clients.save(registeredClient);
		}

		@Override
		public RegisteredClient findById(String id) {
			reads.add(id);
			return clients.findById(id);
		}

		@Override
		public RegisteredClient findByClientId(String clientId) {
			return clients.findByClientId(clientId);
		}

	}

}
