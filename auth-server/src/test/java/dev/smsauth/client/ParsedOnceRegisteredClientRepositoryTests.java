package dev.smsauth.client;

import java.util.UUID;

import dev.smsauth.support.SampleClients;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client cache must never serve a stale client: another node (a second repository on the same
 * database here) changes the row, and the very next read sees it.
 */
class ParsedOnceRegisteredClientRepositoryTests {

	private JdbcTemplate jdbc;

	private ParsedOnceRegisteredClientRepository repository;

	@BeforeEach
	void freshDatabase() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();
		jdbc = new JdbcTemplate(dataSource);
		repository = new ParsedOnceRegisteredClientRepository(jdbc);
	}

	@Test
	void whenTheRowIsUnchangedThenTheSameParsedClientIsReturnedByEitherId() {
		repository.save(client("app-1", false));
		RegisteredClient first = repository.findByClientId("app-1");
		assertThat(repository.findByClientId("app-1")).isSameAs(first);
		assertThat(repository.findById(first.getId())).isSameAs(first);
		assertThat(repository.cachedRows()).isEqualTo(1);
	}

	@Test
	void whenAnotherNodeChangesTheClientThenTheNextReadSeesTheChange() {
		repository.save(client("app-1", false));
		assertThat(repository.findByClientId("app-1").getClientSettings().isRequireProofKey()).isFalse();

		RegisteredClient changed = RegisteredClient.from(repository.findByClientId("app-1"))
			.clientSettings(ClientSettings.builder().requireProofKey(true).setting("smsauth.mfa.sms", true).build())
			.clientName("Renamed")
			.build();
		new JdbcRegisteredClientRepository(jdbc).save(changed); // the other node

		RegisteredClient seen = repository.findByClientId("app-1");
		assertThat(seen.getClientSettings().isRequireProofKey()).isTrue();
		assertThat((Boolean) seen.getClientSettings().getSetting("smsauth.mfa.sms")).isTrue();
		assertThat(seen.getClientName()).isEqualTo("Renamed");
		assertThat(repository.findById(seen.getId()).getClientName()).isEqualTo("Renamed");
	}

	@Test
	void whenTheRowIsChangedBySqlThenTheNextReadSeesIt() {
		repository.save(client("app-1", false));
		repository.findByClientId("app-1");
		jdbc.update("UPDATE oauth2_registered_client SET client_secret = '{noop}other' WHERE client_id = 'app-1'");
		assertThat(repository.findByClientId("app-1").getClientSecret()).isEqualTo("{noop}other");
	}

	@Test
	void whenTheClientIsDeletedThenItIsGone() {
		repository.save(client("app-1", false));
		repository.findByClientId("app-1");
		jdbc.update("DELETE FROM oauth2_registered_client WHERE client_id = 'app-1'");
		assertThat(repository.findByClientId("app-1")).isNull();
	}

	@Test
	void whenAnIdIsBlankOrLongerThanTheColumnThenNullNotAnException() {
		assertThat(repository.findByClientId("")).isNull();
		assertThat(repository.findByClientId("   ")).isNull();
		assertThat(repository.findByClientId(null)).isNull();
		assertThat(repository.findById("")).isNull();
		assertThat(repository.findByClientId("x".repeat(101))).isNull();
	}

	private static RegisteredClient client(String clientId, boolean pkce) {
		return SampleClients.client(clientId, pkce);
	}

}
