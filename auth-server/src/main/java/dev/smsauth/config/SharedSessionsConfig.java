package dev.smsauth.config;

import java.sql.DatabaseMetaData;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.MySqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;

/**
 * HTTP sessions as every node sees them: Spring Session JDBC (tables {@code SPRING_SESSION*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionProperties.class)
class SharedSessionsConfig {

	/**
	 * The one session registry of the cluster: Spring Session's own store, indexed by principal
	 * name. The authorization server finds a signed-in person's session here when it issues an ID
	 * token ({@code sid}, and {@code auth_time} with it) and when RP-initiated logout checks
	 * {@code id_token_hint}. Without this bean it makes its own in-memory {@code SessionRegistryImpl}
	 * per JVM: a code exchanged on another node than the one that saw the sign-in then found no
	 * session, and since Spring Session JDBC publishes no session-destroyed events, that map never
	 * forgot one either.
	 */
	@Bean
	<S extends Session> SessionRegistry sessionRegistry(FindByIndexNameSessionRepository<S> sessions,
			JdbcOperations jdbc) {
		// The framework's registry, with the principal's sessions listed from their rows (IndexedSessionRegistry).
		return new IndexedSessionRegistry(new SpringSessionBackedSessionRegistry<>(sessions), jdbc);
	}

	/**
	 * Attributes written with an upsert: two requests of one session that add the same attribute at
	 * once (a double click, two tabs, a script; on one node or two) otherwise both INSERT it, and the
	 * loser's request ends in a 500 on the primary key.
	 */
	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> concurrentAttributeWrites(DataSource dataSource)
			throws MetaDataAccessException {
		String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		String vendor = product == null ? "" : product.toLowerCase(Locale.ROOT);
		if (vendor.contains("mysql") || vendor.contains("mariadb")) {
			return new MySqlJdbcIndexedSessionRepositoryCustomizer();
		}
		if (vendor.contains("h2")) {
			return sessions -> sessions.setCreateSessionAttributeQuery(
					"MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES) "
							+ "KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) VALUES (?, ?, ?)");
		}
		return sessions -> {
		};
	}

	/**
	 * Spring Session's filter without its second read of the session it has just saved
	 * ({@link SessionFilterReadingOnce}): one query less per page, redirect and form post; and
	 * without a write of the session's row when only its last-access time changed and the stored
	 * one is recent ({@link LastAccessWrittenSparingly}).
	 */
	@Bean
	static BeanPostProcessor sessionFilterReadingOnce(ObjectProvider<SessionRepository<?>> repositories,
			ObjectProvider<HttpSessionIdResolver> resolvers, ObjectProvider<CookieSerializer> cookies,
			ObjectProvider<SessionProperties> properties, ObjectProvider<AuthorizationServerSettings> settings) {
		return SessionFilterReadingOnce.replacing(repositories, resolvers, cookies, properties, settings);
	}

}
