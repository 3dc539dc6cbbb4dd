package dev.smsauth.user;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.smsauth.support.OneRequest;
import dev.smsauth.web.ReadsThisRequest;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Within one request an account is read once, by any of the columns that find it; a write of the
 * request forgets it, and the next request (another node's change included) reads the row again.
 */
class UserRepositoryReadsTests {

	private final ReadsThisRequest thisRequest = new ReadsThisRequest();

	private final AtomicInteger reads = new AtomicInteger();

	private JdbcClient other;

	private UserRepository repository;

	private UserAccount alice;

	@BeforeEach
	void freshDatabase() {
		JdbcDataSource dataSource = new JdbcDataSource();
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

	private void inOneRequest(Runnable body) throws Exception {
		OneRequest.run(thisRequest, body);
	}

}
