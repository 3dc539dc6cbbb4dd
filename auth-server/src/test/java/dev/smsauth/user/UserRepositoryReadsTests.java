package dev.smsauth.user;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.smsauth.support.OneRequest;
import dev.smsauth.token.AccountOfAccessToken;
import dev.smsauth.token.IndexedAuthorizationService;
import dev.smsauth.web.ReadsThisRequest;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Within one request an account is read once, by any of the columns that find it; a write of the
 * request forgets it, and the next request (another node's change included) reads the row again.
 */
class UserRepositoryReadsTests {

	private final ReadsThisRequest thisRequest = new ReadsThisRequest();

	private final AtomicInteger reads = new AtomicInteger();

	private JdbcClient other;

	private JdbcDataSource dataSource;

	private UserRepository repository;

	private UserAccount alice;

	@BeforeEach
	void freshDatabase() {
		dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;TRACE_LEVEL_SYSTEM_OUT=0");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();
		other = JdbcClient.create(dataSource);
		repository = new UserRepository(JdbcClient.create(new org.springframework.jdbc.datasource.DelegatingDataSource(dataSource) {
			@Override
			public java.sql.Connection getConnection() throws java.sql.SQLException {
				reads.incrementAndGet(); // one connection per statement outside a transaction
				return super.getConnection();
			}
		}), thisRequest);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		alice = new UserAccount(UUID.randomUUID().toString(), "alice", "alice@example.com", "+14155550100", null,
				"{noop}x", true, now, now, false, false);
		repository.insert(alice);
		reads.set(0);
	}

	@Test
	void withinOneRequestTheAccountIsReadOnceByAnyColumn() throws Exception {
		inOneRequest(() -> {
			assertThat(repository.findByUsername("alice")).contains(alice);
			assertThat(repository.findById(alice.id())).contains(alice);
			assertThat(repository.findByPhoneNumber("+14155550100")).contains(alice);
			assertThat(repository.findByEmail("alice@example.com")).contains(alice);
			assertThat(repository.findById(alice.id())).contains(alice);
		});
		assertThat(reads).hasValue(1);
	}

	@Test
	void aWriteOfTheRequestIsSeenByItsNextRead() throws Exception {
		inOneRequest(() -> {
			assertThat(repository.findById(alice.id()).orElseThrow().phoneNumberVerified()).isFalse();
			assertThat(repository.markPhoneNumberVerified(alice.id(), "+14155550100")).isTrue();
			assertThat(repository.findById(alice.id()).orElseThrow().phoneNumberVerified()).isTrue();
		});
	}

	@Test
	void theNextRequestSeesAnotherNodesChangeAtOnce() throws Exception {
		inOneRequest(() -> assertThat(repository.findById(alice.id()).orElseThrow().enabled()).isTrue());
		other.sql("UPDATE user_account SET enabled = FALSE WHERE id = :id").param("id", alice.id()).update(); // the other node

		inOneRequest(() -> assertThat(repository.findById(alice.id()).orElseThrow().enabled()).isFalse());
	}

	@Test
	void outsideARequestEveryLookupReadsTheRow() {
		repository.findById(alice.id());
		repository.findById(alice.id());
		assertThat(reads).hasValue(2);
	}

	@Test
	void theAccountOfAnAccessTokenComesWithItsGrantAndIsNotReadAgainInThatRequest() throws Exception {
		IndexedAuthorizationService grants = grantStore();
		grants.save(grantOf(alice.id(), "access-alice"));
		AccountOfAccessToken account = new AccountOfAccessToken(repository);

		inOneRequest(() -> {
			assertThat(grants.findByAccessToken("access-alice", account)).isNotNull();
			assertThat(repository.findById(alice.id())).contains(alice);
			assertThat(repository.findByUsername("alice")).contains(alice);
		});
		assertThat(reads).as("the account came in the grant's statement").hasValue(0);

		// Disabled on another node since: the next request's lookup brings the account as it is now.
		other.sql("UPDATE user_account SET enabled = FALSE WHERE id = :id").param("id", alice.id()).update();
		inOneRequest(() -> {
			grants.findByAccessToken("access-alice", account);
			assertThat(repository.findById(alice.id()).orElseThrow().enabled()).isFalse();
		});
		assertThat(reads).hasValue(0);
	}

	@Test
	void aClientsGrantBringsNoAccountAndOutsideARequestNothingIsRemembered() throws Exception {
		IndexedAuthorizationService grants = grantStore();
		grants.save(grantOf("the-client-id", "access-client"));
		AccountOfAccessToken account = new AccountOfAccessToken(repository);

		inOneRequest(() -> {
			assertThat(grants.findByAccessToken("access-client", account)).isNotNull();
			assertThat(repository.findById("the-client-id")).isEmpty();
		});
		assertThat(reads).hasValue(1);

		grants.save(grantOf(alice.id(), "access-alice"));
		grants.findByAccessToken("access-alice", account);
		repository.findById(alice.id());
		assertThat(reads).hasValue(2);
	}

	private IndexedAuthorizationService grantStore() {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		JdbcRegisteredClientRepository clients = new JdbcRegisteredClientRepository(jdbc);
		clients.save(client);
		return new IndexedAuthorizationService(jdbc, clients, Clock.systemUTC());
	}

	private OAuth2Authorization grantOf(String principal, String accessToken) {
		Instant now = Instant.now();
		return OAuth2Authorization.withRegisteredClient(client)
			.id(UUID.randomUUID().toString())
			.principalName(principal)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, accessToken, now, now.plusSeconds(300),
					Set.of("openid")))
			.build();
	}

	private final RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
		.clientId("app")
		.clientSecret("{noop}secret")
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.redirectUri("https://app.example/callback")
		.scope("openid")
		.build();

	private void inOneRequest(Runnable body) throws Exception {
		OneRequest.run(thisRequest, body);
	}

}
