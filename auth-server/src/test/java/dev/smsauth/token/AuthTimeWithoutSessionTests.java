package dev.smsauth.token;

import java.time.Duration;
import java.time.Instant;

import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.mfa.Visitor;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code auth_time} never goes missing: the framework writes it only next to {@code sid}, when the
 * session registry still finds the person's session at the code exchange. A session that ended in
 * between (signed out, expired, or ended by an administrator's change on another node) must not
 * take the claim with it; it then comes from the newest factor's time.
 */
@AuthServerTest
class AuthTimeWithoutSessionTests extends MfaTestBase {

	@Test
	void whenTheSessionIsGoneBeforeTheCodeIsExchangedThenAuthTimeIsTheNewestFactorsTimeAndNoSid() {
		Person person = person();
		App app = app(true);
		Visitor visitor = atSmsStep(app, person);
		clock.advance(Duration.ofSeconds(20));
		Instant smsTime = clock.instant();
		TestBrowser.Page toApp = passSms(visitor, person.phone());
		clock.advance(Duration.ofSeconds(5));

		jdbc.sql("DELETE FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :id").param("id", person.id()).update();
		JsonNode idToken = visitor.idToken(toApp, app.secret());

		assertThat(idToken.has("sid")).as("no session, no sid: %s", idToken).isFalse();
		assertThat(idToken.get("auth_time").asLong()).isEqualTo(smsTime.getEpochSecond());
	}

	@Test
	void whenTheSessionIsStillThereThenSidAndTheSameAuthTime() {
		Person person = person();
		App app = app(true);
		Visitor visitor = atSmsStep(app, person);
		clock.advance(Duration.ofSeconds(20));
		Instant smsTime = clock.instant();
		TestBrowser.Page toApp = passSms(visitor, person.phone());

		JsonNode idToken = visitor.idToken(toApp, app.secret());

		assertThat(idToken.get("sid").asString()).isNotBlank();
		assertThat(idToken.get("auth_time").asLong()).isEqualTo(smsTime.getEpochSecond());
	}

}
