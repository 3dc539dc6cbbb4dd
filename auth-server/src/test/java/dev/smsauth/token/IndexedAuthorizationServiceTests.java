package dev.smsauth.token;

import javax.sql.DataSource;

import dev.smsauth.support.EmptyH2;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The indexed authorization store on H2, the embedded default's database. */
class IndexedAuthorizationServiceTests extends IndexedAuthorizationServiceContract {

	@Override
	protected DataSource emptyDatabase() {
		return EmptyH2.database();
	}

	@Override
	protected String dialect() {
		return "h2";
	}

	@Test
	void whenATokenIsLookedUpThenTheDatabaseUsesAnIndexNotAScanOfEveryGrant() {
		DataSource dataSource = emptyDatabase();
		org.flywaydb.core.Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();
		String plan = new JdbcTemplate(dataSource).queryForObject(
				"EXPLAIN SELECT id FROM oauth2_authorization WHERE access_token_hash = 'x'", String.class);
		assertThat(plan).contains("IX_AUTHORIZATION_ACCESS_TOKEN_HASH");
	}

}
