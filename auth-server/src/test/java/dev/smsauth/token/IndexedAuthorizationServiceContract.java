package dev.smsauth.token;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link IndexedAuthorizationService} must keep from the framework's store — every token found
 * by its value and kind, nothing found after it changed — on each database the product runs on,
 * that grants stored before migration V9 are still found after it, and that every grant carries
 * the time after which the clean-up may remove it (V21).
 */
public abstract class IndexedAuthorizationServiceContract {

	/** Whole seconds: MariaDB's datetime columns here come back without the fraction. */
	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	/** A database with no tables yet. */
	protected abstract DataSource emptyDatabase();

	/** {@code h2} or {@code mysql}. */
	protected abstract String dialect();

	@Test
	void whenAGrantMovesFromCodeToTokensThenEachTokenIsFoundByItsKindAndTheOldOnesAreNot() {
		Fixture db = migrated(null);
		OAuth2Authorization withCode = grant(db.client, "state-1", "code-1", null, null);
		db.service.save(withCode);
		assertThat(db.service.findByToken("code-1", new OAuth2TokenType(OAuth2ParameterNames.CODE)).getId())
			.isEqualTo(withCode.getId());
		assertThat(db.service.findByToken("state-1", new OAuth2TokenType(OAuth2ParameterNames.STATE))).isNotNull();

		// The exchange: same row, code spent (kept, as the framework keeps it, marked invalidated), tokens added.
		OAuth2Authorization exchanged = OAuth2Authorization.from(grant(db.client, null, "code-1", "access-1", "refresh-1"))
			.id(withCode.getId())
			.build();
		db.service.save(exchanged);
		assertThat(db.jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_authorization", Integer.class)).isOne();
		assertThat(db.service.findByToken("access-1", OAuth2TokenType.ACCESS_TOKEN).getId()).isEqualTo(withCode.getId());
		assertThat(db.service.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN).getId()).isEqualTo(withCode.getId());
		assertThat(db.service.findByToken("state-1", new OAuth2TokenType(OAuth2ParameterNames.STATE)))
			.as("state cleared").isNull();

		// Wrong kind, unknown value, or no hint at all.
		assertThat(db.service.findByToken("access-1", OAuth2TokenType.REFRESH_TOKEN)).isNull();
		assertThat(db.service.findByToken("refresh-1", OAuth2TokenType.ACCESS_TOKEN)).isNull();
		assertThat(db.service.findByToken("access-2", OAuth2TokenType.ACCESS_TOKEN)).isNull();
		assertThat(db.service.findByToken("refresh-1", null).getId()).isEqualTo(withCode.getId());
		assertThat(db.service.findByToken("code-1", null).getId()).isEqualTo(withCode.getId());
		assertThat(db.service.findByToken("", null)).isNull();

		// Rotation: the old refresh token is gone from the lookup.
		db.service.save(OAuth2Authorization.from(exchanged)
			.refreshToken(new OAuth2RefreshToken("refresh-2", now, now.plusSeconds(3600)))
			.build());
		assertThat(db.service.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN)).isNull();
		assertThat(db.service.findByToken("refresh-2", OAuth2TokenType.REFRESH_TOKEN).getId()).isEqualTo(withCode.getId());

		db.service.remove(exchanged);
		assertThat(db.service.findByToken("access-1", OAuth2TokenType.ACCESS_TOKEN)).isNull();
	}

	@Test
	void whenTheRowIsUnchangedThenTheParsedGrantIsReusedAndAChangeByAnotherNodeIsSeenAtOnce() {
		Fixture db = migrated(null);
		OAuth2Authorization grant = grant(db.client, null, "code-1", "access-1", "refresh-1");
		db.service.save(grant);
		OAuth2Authorization first = db.service.findByToken("access-1", OAuth2TokenType.ACCESS_TOKEN);
		assertThat(db.service.findByToken("access-1", OAuth2TokenType.ACCESS_TOKEN)).isSameAs(first);
		assertThat(db.service.findById(grant.getId())).isSameAs(first);

		// Another node revokes the access token: the very next lookup here sees it.
		IndexedAuthorizationService otherNode = new IndexedAuthorizationService(db.jdbc, db.clients, Clock.systemUTC());
		OAuth2Authorization revoked = OAuth2Authorization.from(first)
			.invalidate(first.getAccessToken().getToken())
			.build();
		otherNode.save(revoked);
		OAuth2Authorization seen = db.service.findByToken("access-1", OAuth2TokenType.ACCESS_TOKEN);
		assertThat(seen).isNotSameAs(first);
		assertThat(seen.getAccessToken().isInvalidated()).isTrue();
		assertThat(first.getAccessToken().isInvalidated()).as("the earlier object is not changed").isFalse();
	}

	@Test
	void whenAGrantWithARefreshTokenIsSavedThenTheNextLookupNeedsNoParseButAChangeByHandIsSeen() {
		Fixture db = migrated(null);
		OAuth2Authorization saved = grant(db.client, null, "code-1", "access-1", "refresh-1");
		db.service.save(saved);
		// The object remembered at the save (a copy carrying the hashes it was stored with) is what
		// every lookup returns until the row changes.
		OAuth2Authorization remembered = db.service.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN);
		assertThat(remembered.getRefreshToken().getToken().getTokenValue()).isEqualTo("refresh-1");
		assertThat(db.service.findById(saved.getId())).isSameAs(remembered);

		// An operator expires the token with SQL and, as V24 asks, a new row version: the lookup reads
		// the row again and parses it.
		db.jdbc.update("UPDATE oauth2_authorization SET refresh_token_issued_at = ?, refresh_token_expires_at = ?, "
				+ "row_version = row_version + 1 WHERE id = ?", java.sql.Timestamp.from(now.minusSeconds(120)),
				java.sql.Timestamp.from(now.minusSeconds(60)), saved.getId());
		OAuth2Authorization seen = db.service.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN);
		assertThat(seen).isNotSameAs(remembered);
		assertThat(seen.getRefreshToken().isExpired()).isTrue();
	}

	@Test
	void whenAnAccessTokenIsLookedUpWithAJoinedReadThenTheJoinedRowComesWithTheGrantAsItIsNow() {
		Fixture db = migrated(null);
		OAuth2Authorization saved = grant(db.client, null, "code-1", "access-1", "refresh-1");
		db.service.save(saved);
		db.jdbc.update("INSERT INTO user_account (id, username, password_hash, enabled, created_at, updated_at) "
				+ "VALUES ('alice', 'alice-the-user', '{noop}x', TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
		java.util.List<String> joined = new java.util.ArrayList<>();
		JoinedRead username = new JoinedRead() {
			@Override
			public String columns() {
				return "u.username, u.enabled";
			}

			@Override
			public String join() {
				return "LEFT JOIN user_account u ON u.id = g.principal_name";
			}

			@Override
			public void read(java.sql.ResultSet rs, int first) throws java.sql.SQLException {
				joined.add(rs.getString(first) + "/" + rs.getBoolean(first + 1));
			}
		};

		OAuth2Authorization found = db.service.findByAccessToken("access-1", username);
		assertThat(found.getId()).isEqualTo(saved.getId());
		assertThat(found).isSameAs(db.service.findByToken("access-1", OAuth2TokenType.ACCESS_TOKEN));
		db.jdbc.update("UPDATE user_account SET enabled = FALSE WHERE id = 'alice'");
		db.service.findByAccessToken("access-1", username);
		assertThat(joined).containsExactly("alice-the-user/true", "alice-the-user/false");

		// Only an access token is looked up this way; a refresh token or a wrong value finds nothing.
		assertThat(db.service.findByAccessToken("refresh-1", username)).isNull();
		assertThat(db.service.findByAccessToken("access-2", username)).isNull();
		assertThat(db.service.findByAccessToken("", username)).isNull();
		db.jdbc.update("DELETE FROM user_account WHERE id = 'alice'");
		assertThat(db.service.findByAccessToken("access-1", username)).isNotNull();
		assertThat(joined).last().isEqualTo("null/false");
	}

	@Test
	void whenARowThisNodeParsedIsDeletedOrRewrittenElsewhereThenTheLookupSeesItAtOnce() {
		Fixture db = migrated(null);
		OAuth2Authorization saved = grant(db.client, null, "code-1", "access-1", "refresh-1");
		db.service.save(saved);
		OAuth2Authorization parsedHere = db.service.findByToken("access-1", OAuth2TokenType.ACCESS_TOKEN);
		assertThat(parsedHere).isNotNull();

		// Another node rotates the tokens: the old access token is found nowhere, the new one here.
		IndexedAuthorizationService otherNode = new IndexedAuthorizationService(db.jdbc, db.clients, Clock.systemUTC());
		OAuth2Authorization rotated = otherNode.findByToken("access-1", OAuth2TokenType.ACCESS_TOKEN);
		otherNode.save(OAuth2Authorization.from(rotated)
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-2", now, now.plusSeconds(300)))
			.build());
		assertThat(db.service.findByToken("access-1", OAuth2TokenType.ACCESS_TOKEN)).isNull();
		assertThat(db.service.findByToken("access-2", OAuth2TokenType.ACCESS_TOKEN).getId()).isEqualTo(saved.getId());

		// A user's access ends elsewhere (revocation deletes the rows): gone here too, by token and by id.
		db.jdbc.update("DELETE FROM oauth2_authorization WHERE principal_name = ?", saved.getPrincipalName());
		assertThat(db.service.findByToken("access-2", OAuth2TokenType.ACCESS_TOKEN)).isNull();
		assertThat(db.service.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN)).isNull();
		assertThat(db.service.findById(saved.getId())).isNull();
	}

	@Test
	void whenARememberedGrantIsRotatedThenItsAttributesAreWrittenAsTheyWereAndAChangedOneIsWrittenAnew() {
		Fixture db = migrated(null);
		OAuth2Authorization saved = OAuth2Authorization.from(grant(db.client, null, "code-1", "access-1", "refresh-1"))
			.attribute("custom", "one")
			.build();
		db.service.save(saved);
		String attributes = storedAttributes(db, saved.getId());
		assertThat(attributes).contains("custom").contains(RefreshTokenAbsoluteLifetime.FIRST_GRANT_ATTRIBUTE);

		// A rotation of the grant as this node remembered it: the attributes' JSON is written as it was.
		OAuth2Authorization remembered = db.service.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN);
		db.service.save(OAuth2Authorization.from(remembered)
			.refreshToken(new OAuth2RefreshToken("refresh-2", now, now.plusSeconds(3600)))
			.build());
		assertThat(storedAttributes(db, saved.getId())).isEqualTo(attributes)
			.doesNotContain(IndexedAuthorizationService.READ)
			.doesNotContain(IndexedAuthorizationService.WRITTEN_ATTRIBUTES);

		// A rotation that also changes an attribute writes the new value, and another node reads it.
		OAuth2Authorization rotated = db.service.findByToken("refresh-2", OAuth2TokenType.REFRESH_TOKEN);
		db.service.save(OAuth2Authorization.from(rotated)
			.attribute("custom", "two")
			.refreshToken(new OAuth2RefreshToken("refresh-3", now, now.plusSeconds(3600)))
			.build());
		OAuth2Authorization seenElsewhere = new IndexedAuthorizationService(db.jdbc, db.clients, Clock.systemUTC())
			.findByToken("refresh-3", OAuth2TokenType.REFRESH_TOKEN);
		assertThat((String) seenElsewhere.getAttribute("custom")).isEqualTo("two");
		assertThat((String) seenElsewhere.getAttribute(RefreshTokenAbsoluteLifetime.FIRST_GRANT_ATTRIBUTE))
			.as("rotation never moves the first grant")
			.isEqualTo((String) remembered.getAttribute(RefreshTokenAbsoluteLifetime.FIRST_GRANT_ATTRIBUTE));
		assertThat(storedAttributes(db, saved.getId())).doesNotContain(IndexedAuthorizationService.READ)
			.doesNotContain(IndexedAuthorizationService.WRITTEN_ATTRIBUTES);
	}

	@Test
	void whenARememberedGrantIsRotatedThenItsUnchangedAttributesAreNotSerialisedAgain() {
		Fixture db = migrated(null);
		SerialisationCount counted = new SerialisationCount();
		db.service.save(OAuth2Authorization.from(grant(db.client, null, "code-1", "access-1", "refresh-1"))
			.attribute("counted", counted)
			.build());
		assertThat(counted.serialised).as("written once at the first save").hasValue(1);

		OAuth2Authorization remembered = db.service.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN);
		db.service.save(OAuth2Authorization.from(remembered)
			.refreshToken(new OAuth2RefreshToken("refresh-2", now, now.plusSeconds(3600)))
			.build());
		assertThat(counted.serialised).as("the rotation wrote the JSON it had").hasValue(1);
	}

	/** An attribute that counts how often Jackson reads it (the framework's JSON of the attributes). */
	public static final class SerialisationCount {

		final java.util.concurrent.atomic.AtomicInteger serialised = new java.util.concurrent.atomic.AtomicInteger();

		public int getValue() {
			return serialised.incrementAndGet();
		}

	}

	@Test
	void whenAGrantBuiltWithoutReadingItIsSavedOverItsRowThenTheRowIsUpdatedNotDuplicated() {
		Fixture db = migrated(null);
		OAuth2Authorization first = grant(db.client, null, "code-1", "access-1", null);
		db.service.save(first);
		db.service.save(OAuth2Authorization.from(grant(db.client, null, "code-1", "access-2", null)).id(first.getId()).build());
		assertThat(db.jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_authorization", Integer.class)).isOne();
		assertThat(db.service.findByToken("access-1", OAuth2TokenType.ACCESS_TOKEN)).isNull();
		assertThat(db.service.findByToken("access-2", OAuth2TokenType.ACCESS_TOKEN).getId()).isEqualTo(first.getId());
	}

	private static String storedAttributes(Fixture db, String id) {
		byte[] stored = db.jdbc.queryForObject("SELECT attributes FROM oauth2_authorization WHERE id = ?",
				(rs, row) -> rs.getBytes(1), id);
		return new String(stored, java.nio.charset.StandardCharsets.UTF_8);
	}

	@Test
	void whenGrantsWereStoredBeforeTheMigrationThenTheyAreStillFoundAfterIt() {
		Fixture before = migrated("6");
		OAuth2Authorization old = grant(before.client, "state-old", "code-old", "access-old", "refresh-old");
		new JdbcOAuth2AuthorizationService(before.jdbc, before.clients).save(old); // the framework's own store

		Fixture after = migrated(null, before);
		assertThat(after.service.findByToken("access-old", OAuth2TokenType.ACCESS_TOKEN).getId()).isEqualTo(old.getId());
		assertThat(after.service.findByToken("refresh-old", OAuth2TokenType.REFRESH_TOKEN).getId()).isEqualTo(old.getId());
		assertThat(after.service.findByToken("code-old", new OAuth2TokenType(OAuth2ParameterNames.CODE)).getId())
			.isEqualTo(old.getId());
		assertThat(after.service.findByToken("state-old", null).getId()).isEqualTo(old.getId());
		String stored = after.jdbc.queryForObject("SELECT access_token_hash FROM oauth2_authorization", String.class);
		assertThat(stored).isEqualTo(IndexedAuthorizationService.sha256("access-old"));
	}

	@Test
	void whenAGrantIsSavedThenItsPurgeTimeIsTheLatestExpiryOfItsTokens() {
		Fixture db = migrated(null);
		OAuth2Authorization withCode = grant(db.client, "state-1", "code-1", null, null);
		db.service.save(withCode);
		assertThat(purgeAfter(db, withCode)).isEqualTo(now.plusSeconds(300));

		// The exchange: the refresh token (an hour) outlives the access token and the spent code.
		OAuth2Authorization exchanged = OAuth2Authorization.from(grant(db.client, null, "code-1", "access-1", "refresh-1"))
			.id(withCode.getId())
			.build();
		db.service.save(exchanged);
		assertThat(purgeAfter(db, exchanged)).isEqualTo(now.plusSeconds(3600));

		// A rotation through the read path (the conditional save) moves it with the new refresh token.
		OAuth2Authorization read = db.service.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN);
		db.service.save(OAuth2Authorization.from(read)
			.refreshToken(new OAuth2RefreshToken("refresh-2", now, now.plusSeconds(7200)))
			.build());
		assertThat(purgeAfter(db, exchanged)).isEqualTo(now.plusSeconds(7200));

		// Nothing to judge by: a token without an expiry, or no token at all. Such grants are never purged.
		OAuth2Authorization endless = OAuth2Authorization.from(grant(db.client, null, "code-2", "access-2", null))
			.id(UUID.randomUUID().toString())
			.refreshToken(new OAuth2RefreshToken("refresh-endless", now))
			.build();
		db.service.save(endless);
		assertThat(purgeAfter(db, endless)).isNull();
		OAuth2Authorization consentPending = withoutTokens(db.client, "state-3");
		db.service.save(consentPending);
		assertThat(purgeAfter(db, consentPending)).isNull();
	}

	@Test
	void whenGrantsWereStoredBeforeV21ThenTheMigrationGivesEachItsPurgeTime() {
		Fixture before = migrated("20");
		JdbcOAuth2AuthorizationService framework = new JdbcOAuth2AuthorizationService(before.jdbc, before.clients);
		OAuth2Authorization full = grant(before.client, null, "code-a", "access-a", "refresh-a");
		OAuth2Authorization codeOnly = grant(before.client, "state-b", "code-b", null, null);
		OAuth2Authorization accessOutlivesCode = OAuth2Authorization.from(grant(before.client, null, "code-c", null, null))
			.accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-c", now, now.plusSeconds(900)))
			.build();
		OAuth2Authorization endless = OAuth2Authorization.from(grant(before.client, null, "code-d", "access-d", null))
			.refreshToken(new OAuth2RefreshToken("refresh-d", now))
			.build();
		OAuth2Authorization consentPending = withoutTokens(before.client, "state-e");
		for (OAuth2Authorization grant : new OAuth2Authorization[] { full, codeOnly, accessOutlivesCode, endless,
				consentPending }) {
			framework.save(grant);
		}

		Fixture after = migrated(null, before);

		assertThat(purgeAfter(after, full)).isEqualTo(now.plusSeconds(3600));
		assertThat(purgeAfter(after, codeOnly)).isEqualTo(now.plusSeconds(300));
		assertThat(purgeAfter(after, accessOutlivesCode)).isEqualTo(now.plusSeconds(900));
		assertThat(purgeAfter(after, endless)).as("a refresh token without an expiry lives on").isNull();
		assertThat(purgeAfter(after, consentPending)).as("never held a token").isNull();
	}

	private static Instant purgeAfter(Fixture db, OAuth2Authorization grant) {
		java.sql.Timestamp stored = db.jdbc.queryForObject("SELECT purge_after FROM oauth2_authorization WHERE id = ?",
				java.sql.Timestamp.class, grant.getId());
		return stored == null ? null : stored.toInstant();
	}

	/** A grant waiting on its consent page: the request's state, no token yet. */
	private static OAuth2Authorization withoutTokens(RegisteredClient client, String state) {
		return OAuth2Authorization.withRegisteredClient(client)
			.id(UUID.randomUUID().toString())
			.principalName("alice")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.attribute(OAuth2ParameterNames.STATE, state)
			.build();
	}

	private OAuth2Authorization grant(RegisteredClient client, String state, String code, String access, String refresh) {
		OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client)
			.id(UUID.randomUUID().toString())
			.principalName("alice")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(Set.of("openid"));
		if (state != null) {
			builder.attribute(OAuth2ParameterNames.STATE, state);
		}
		builder.token(new OAuth2AuthorizationCode(code, now, now.plusSeconds(300)));
		if (access != null) {
			builder.accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, access, now,
					now.plusSeconds(300), Set.of("openid")));
		}
		if (refresh != null) {
			builder.refreshToken(new OAuth2RefreshToken(refresh, now, now.plusSeconds(3600)));
		}
		return builder.build();
	}

	private Fixture migrated(String target) {
		return migrated(target, null);
	}

	private Fixture migrated(String target, Fixture existing) {
		DataSource dataSource = existing == null ? emptyDatabase() : existing.dataSource;
		var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/" + dialect());
		if (target != null) {
			flyway.target(target);
		}
		flyway.load().migrate();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		JdbcRegisteredClientRepository clients = new JdbcRegisteredClientRepository(jdbc);
		RegisteredClient client = existing != null ? existing.client : RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId("app-" + UUID.randomUUID())
			.clientSecret("{noop}secret")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("https://app.example/callback")
			.scope("openid")
			.build();
		if (existing == null) {
			clients.save(client);
		}
		return new Fixture(dataSource, jdbc, clients, client, new IndexedAuthorizationService(jdbc, clients, Clock.systemUTC()));
	}

	private record Fixture(DataSource dataSource, JdbcTemplate jdbc, JdbcRegisteredClientRepository clients,
			RegisteredClient client, IndexedAuthorizationService service) {
	}

}
