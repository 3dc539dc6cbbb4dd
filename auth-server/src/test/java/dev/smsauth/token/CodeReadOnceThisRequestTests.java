package dev.smsauth.token;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.smsauth.support.OneRequest;
import dev.smsauth.web.ReadsThisRequest;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code exchange reads its grant once: the framework looks the presented code up for the PKCE
 * check and again to redeem it, in one request. A save by that request (the redemption) forgets it,
 * and the next request, on this node or another, reads the row again.
 */
class CodeReadOnceThisRequestTests {

	private static final OAuth2TokenType CODE = new OAuth2TokenType("code");

	private final ReadsThisRequest thisRequest = new ReadsThisRequest();

	private final AtomicInteger statements = new AtomicInteger();

	private IndexedAuthorizationService grants;

	private IndexedAuthorizationService otherNode;

	private final RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
		.clientId("app")
		.clientSecret("{noop}secret")
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.redirectUri("https://app.example/callback")
		.scope("openid")
		.build();

	@BeforeEach
	void freshDatabase() {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Flyway.configure().dataSource(h2).locations("classpath:db/migration/h2").load().migrate();
		JdbcRegisteredClientRepository clients = new JdbcRegisteredClientRepository(new JdbcTemplate(h2));
		clients.save(client);
		JdbcTemplate counted = new JdbcTemplate(new DelegatingDataSource(h2) {
			@Override
			public Connection getConnection() throws java.sql.SQLException {
				statements.incrementAndGet(); // one connection per statement outside a transaction
				return super.getConnection();
			}
		});
		grants = new IndexedAuthorizationService(counted, clients, Clock.systemUTC(), thisRequest);
		otherNode = new IndexedAuthorizationService(new JdbcTemplate(h2), clients, Clock.systemUTC());
	}

	@Test
	void theSecondLookupOfACodeInOneRequestReadsNothing() throws Exception {
		otherNode.save(grantWithCode("code-1"));
		statements.set(0);

		OneRequest.run(thisRequest, () -> {
			OAuth2Authorization forPkce = grants.findByToken("code-1", CODE);
			OAuth2Authorization toRedeem = grants.findByToken("code-1", CODE);
			assertThat(forPkce).isNotNull();
			assertThat(toRedeem).isSameAs(forPkce);
			assertThat(grants.findByToken("no-such-code", CODE)).isNull();
			assertThat(grants.findByToken("no-such-code", CODE)).isNull();
		});

		// The first lookup reads the row's version, then the row itself (new to this node), the unknown
		// code one statement; the repeats nothing.
		assertThat(statements).as("one read per code").hasValue(3);
	}

	@Test
	void aSaveInTheRequestIsSeenByItsNextLookup() throws Exception {
		otherNode.save(grantWithCode("code-2"));

		OneRequest.run(thisRequest, () -> {
			OAuth2Authorization read = grants.findByToken("code-2", CODE);
			OAuth2AuthorizationCode code = read.getToken(OAuth2AuthorizationCode.class).getToken();
			grants.save(OAuth2Authorization.from(read).invalidate(code).build());
			statements.set(0);

			OAuth2Authorization again = grants.findByToken("code-2", CODE);

			assertThat(again.getToken(OAuth2AuthorizationCode.class).isInvalidated()).isTrue();
			assertThat(statements).as("read again after the save").hasPositiveValue();
		});
	}

	@Test
	void theNextRequestSeesAnotherNodesRedemption() throws Exception {
		otherNode.save(grantWithCode("code-3"));
		OneRequest.run(thisRequest, () -> assertThat(grants.findByToken("code-3", CODE).getToken(OAuth2AuthorizationCode.class)
			.isInvalidated()).isFalse());
		OAuth2Authorization seen = otherNode.findByToken("code-3", CODE);
		otherNode.save(OAuth2Authorization.from(seen)
			.invalidate(seen.getToken(OAuth2AuthorizationCode.class).getToken())
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-3", Instant.now(),
					Instant.now().plusSeconds(300), Set.of("openid")))
			.build());

		OneRequest.run(thisRequest, () -> assertThat(grants.findByToken("code-3", CODE).getToken(OAuth2AuthorizationCode.class)
			.isInvalidated()).isTrue());
	}

	@Test
	void outsideARequestEveryLookupReadsTheRow() {
		otherNode.save(grantWithCode("code-4"));
		grants.findByToken("code-4", CODE); // parsed on this node: each lookup is then one statement
		statements.set(0);

		grants.findByToken("code-4", CODE);
		grants.findByToken("code-4", CODE);

		assertThat(statements).hasValue(2);
	}

	private OAuth2Authorization grantWithCode(String code) {
		Instant now = Instant.now();
		return OAuth2Authorization.withRegisteredClient(client)
			.id(UUID.randomUUID().toString())
			.principalName("alice")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(Set.of("openid"))
			.token(new OAuth2AuthorizationCode(code, now, now.plusSeconds(300)))
			.build();
	}

}
