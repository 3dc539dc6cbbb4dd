package dev.smsauth.observability;

import java.time.Duration;

import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.mfa.Visitor;
import dev.smsauth.sms.SmsDeliveryException;
import dev.smsauth.support.SwitchableSmsSender;
import dev.smsauth.support.Api;
import dev.smsauth.support.AuthServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Import;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness follows the SMS provider as this node sees it: five failed sends in a row take the node
 * out (503), a successful send or five quiet minutes bring it back. The provider here writes to the
 * dev outbox like the real one and fails on demand. Each test starts with a successful send, so
 * the failures of an earlier test are out of the window.
 */
@AuthServerTest
// Every press must reach the provider here; with the breaker on, the fifth failure would open the
// circuit and the "successful send" that brings readiness back would be refused for 30 s
// (SmsCircuitBreakerFlowTests covers the breaker).
@TestPropertySource(properties = "auth.sms.breaker.enabled=false")
@Import(SwitchableSmsSender.Config.class)
class SmsProviderReadinessTests extends MfaTestBase {

	@Autowired
	SwitchableSmsSender provider;

	@AfterEach
	void providerBackUp() {
		provider.failWith(null);
	}

	@Test
	void whenFiveSendsFailThenReadinessDownAndASuccessfulSendBringsItBack() {
		Person person = person();
		Visitor visitor = afterOneSuccessfulSend(person);
		provider.failWith(new SmsDeliveryException("provider is down", true));
		for (int i = 0; i < 4; i++) {
			visitor.sendCode();
		}
		assertThat(readiness().status()).as("four failures are not an outage yet").isEqualTo(200);

		visitor.sendCode();

		Api.Answer down = readiness();
		assertThat(down.status()).isEqualTo(503);
		assertThat(down.json().get("status").asString()).isEqualTo("DOWN");
		JsonNode sms = Api.management(base).get("/actuator/health/readiness").json().get("components").get("smsProvider");
		assertThat(sms.get("status").asString()).isEqualTo("DOWN");
		JsonNode outbox = sms.get("details").get("providers").get("outbox");
		assertThat(outbox.get("lastFailure").asString()).isEqualTo("temporary");
		assertThat(outbox.get("recentFailures").asInt()).isEqualTo(5);
		assertThat(outbox.get("status").asString()).isEqualTo("failing");
		assertThat(sms.toString()).doesNotContain(person.phone().substring(2)).doesNotContain("provider is down");
		assertThat(anonymous("/actuator/health/liveness").status()).as("liveness ignores the provider").isEqualTo(200);

		provider.failWith(null);
		visitor.sendCode();

		assertThat(readiness().status()).isEqualTo(200);
		assertThat(readiness().json().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void whenFailuresAreOlderThanFiveMinutesThenReadinessUpAgain() {
		Visitor visitor = afterOneSuccessfulSend(person());
		provider.failWith(new SmsDeliveryException("provider is down", true));
		for (int i = 0; i < 5; i++) {
			visitor.sendCode();
		}
		assertThat(readiness().status()).isEqualTo(503);

		// Out of rotation, the node gets no sign-ins to prove the provider is back: time must do it.
		clock.advance(Duration.ofMinutes(5).plusSeconds(1));

		assertThat(readiness().status()).isEqualTo(200);
	}

	/** At the SMS step, one code sent, and the resend cooldown over. */
	private Visitor afterOneSuccessfulSend(Person person) {
		Visitor visitor = atSmsStep(app(true), person);
		visitor.sendCode();
		assertThat(visitor.smsMessages()).isEqualTo("We sent a code by SMS.");
		assertThat(readiness().status()).isEqualTo(200);
		clock.advance(Duration.ofSeconds(61));
		return visitor;
	}

	private Api.Answer readiness() {
		return anonymous("/actuator/health/readiness");
	}

	private Api.Answer anonymous(String path) {
		return Api.management(base).send("GET", path, null, null, null);
	}

}
