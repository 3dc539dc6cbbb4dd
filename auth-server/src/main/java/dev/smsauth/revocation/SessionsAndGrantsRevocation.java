package dev.smsauth.revocation;

import dev.smsauth.user.UserAccessRevoked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ends everything issued to a user whose account was disabled, deleted, given a new password or
 * phone number, or demoted: every session on every node (Spring Session's {@code SPRING_SESSION}
 * rows, attributes go with them by foreign key) and every grant ({@code oauth2_authorization}
 * rows: authorization codes, access tokens of both formats, refresh tokens, ID tokens). Consents
 * stay: they record what the person agreed to, not a credential.
 *
 * <p>Runs synchronously inside the change's transaction, not after commit: if a delete fails the
 * change rolls back with it and the administrator sees the error, instead of a disabled user who is
 * still signed in. Both tables are shared by every node, and every node reads them on every request
 * (sessions are not cached in memory; {@code IndexedAuthorizationService} re-reads the row), so the
 * user's next request anywhere finds nothing. The principal name of both is the account id
 * ({@code login.SignInUserDetailsService}); both columns are indexed (V1, V11).
 */
@Component
class SessionsAndGrantsRevocation {

	private static final Logger log = LoggerFactory.getLogger(SessionsAndGrantsRevocation.class);

	private final JdbcClient jdbc;

	SessionsAndGrantsRevocation(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(UserAccessRevoked event) {
		// One statement each, not FindByIndexNameSessionRepository.findByPrincipalName + deleteById:
		// that repository runs in a transaction of its own (REQUIRES_NEW), outside the change's, and
		// would deserialise every session of the user first. The table name is Spring Session's
		// default, which application.yml does not change (Flyway creates it, V1).
		int sessions = jdbc.sql("DELETE FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :user")
			.param("user", event.userId())
			.update();
		int grants = jdbc.sql("DELETE FROM oauth2_authorization WHERE principal_name = :user")
			.param("user", event.userId())
			.update();
		log.info("Ended {} session(s) and {} grant(s) of user {} ({})", sessions, grants, event.userId(),
				event.reasons());
	}

}
