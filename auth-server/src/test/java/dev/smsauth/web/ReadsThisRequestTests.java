package dev.smsauth.web;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.smsauth.client.ParsedOnceRegisteredClientRepository;
import dev.smsauth.support.OneRequest;
import dev.smsauth.support.SampleClients;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request reads each registered client once (the same memo serves {@code user.UserRepository},
 * {@code UserRepositoryReadsTests}); nothing of it outlives the request, so another node's
 * change is seen by the next request, and a write of the request itself is never hidden from it.
 */
class ReadsThisRequestTests {

	private final AtomicInteger reads = new AtomicInteger();

	private JdbcTemplate jdbc;

	private final ReadsThisRequest thisRequest = new ReadsThisRequest();

	private ParsedOnceRegisteredClientRepository repository;

	@BeforeEach
	void freshDatabase() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();
		jdbc = new JdbcTemplate(dataSource) {
			@Override
			public <T> java.util.List<T> query(String sql, RowMapper<T> rowMapper, Object... args) {
				reads.incrementAndGet(); // the framework's lookup of a client (findById, findByClientId)
				return super.query(sql, rowMapper, args);
			}
		};
		repository = new ParsedOnceRegisteredClientRepository(jdbc, thisRequest);
		repository.save(client("app-1"));
		reads.set(0);
	}

	@AfterEach
	void closed() {
		thisRequest.close();
	}

	@Test
	void withinOneRequestAClientIsReadOnceByEitherId() {
		assertThat(thisRequest.open()).isTrue();
		RegisteredClient first = repository.findByClientId("app-1");
		for (int i = 0; i < 7; i++) {
			assertThat(repository.findByClientId("app-1")).isSameAs(first);
			assertThat(repository.findById(first.getId())).isSameAs(first);
		}
		assertThat(reads).hasValue(1);
		// an unknown client is remembered as unknown too (hostile ids repeated in one request)
		assertThat(repository.findByClientId("nobody")).isNull();
		assertThat(repository.findByClientId("nobody")).isNull();
		assertThat(reads).hasValue(2);
	}

	@Test
	void outsideARequestEveryLookupReadsTheRow() {
		repository.findByClientId("app-1");
		repository.findByClientId("app-1");
		assertThat(reads).hasValue(2);
	}

	@Test
	void theNextRequestSeesAnotherNodesChangeAtOnce() throws Exception {
		runRequest(() -> assertThat(repository.findByClientId("app-1").getClientName()).isEqualTo("App"));
		RegisteredClient changed = RegisteredClient.from(new JdbcRegisteredClientRepository(jdbc).findByClientId("app-1"))
			.clientName("Renamed")
			.build();
		new JdbcRegisteredClientRepository(jdbc).save(changed); // the other node

		runRequest(() -> assertThat(repository.findByClientId("app-1").getClientName()).isEqualTo("Renamed"));
		assertThat(thisRequest.open()).as("the filter removed the memo").isTrue();
	}

	@Test
	void aSaveInTheRequestIsSeenByItsNextRead() {
		thisRequest.open();
		RegisteredClient before = repository.findByClientId("app-1");
		repository.save(RegisteredClient.from(before).clientName("Renamed").build());
		assertThat(repository.findByClientId("app-1").getClientName()).isEqualTo("Renamed");
		assertThat(repository.findById(before.getId()).getClientName()).isEqualTo("Renamed");
	}

	@Test
	void aForgetAfterTheApisDirectDeleteIsSeenByItsNextRead() {
		thisRequest.open();
		repository.findByClientId("app-1");
		jdbc.update("DELETE FROM oauth2_registered_client WHERE client_id = 'app-1'");
		thisRequest.forget("registered_client");
		assertThat(repository.findByClientId("app-1")).isNull();
	}

	@Test
	void aNestedDispatchLeavesTheMemoToItsOpener() {
		assertThat(thisRequest.open()).isTrue();
		assertThat(thisRequest.open()).isFalse();
		repository.findByClientId("app-1");
		repository.findByClientId("app-1");
		assertThat(reads).hasValue(1);
	}

	private void runRequest(Runnable body) throws Exception {
		OneRequest.run(thisRequest, body);
	}

	private static RegisteredClient client(String clientId) {
		return SampleClients.client(clientId, true);
	}

}
