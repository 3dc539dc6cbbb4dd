package dev.smsauth.mfa;

import java.time.Duration;

import dev.smsauth.support.SwitchableSmsSender;
import dev.smsauth.sms.SmsDeliveryException;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static dev.smsauth.mfa.NoCodeBeforeSmsTests.otherThan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The circuit breaker seen from the SMS page: five retryable provider failures in a row open it,
 * the next press does not reach the provider but shows the same "try again" message, and after
 * the cool-off (30 s on the movable clock) one trial goes through and, succeeding, closes it.
 */
@AuthServerTest
@Import(SwitchableSmsSender.Config.class)
class SmsCircuitBreakerFlowTests extends MfaTestBase {

	static final String RETRY = "We could not send the SMS just now. Please try again.";

	@Autowired
	SwitchableSmsSender provider;

	@Autowired
	MeterRegistry registry;

	@AfterEach
	void providerBackUp() {
		provider.failWith(null);
	}

	@Test
	void whenProviderKeepsFailingThenCircuitOpensAndAfterCoolOffATrialClosesIt() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		// A successful send first, so failures left over from another test are not part of the run.
		visitor.sendCode();
		assertThat(visitor.smsMessages()).isEqualTo("We sent a code by SMS.");
		clock.advance(Duration.ofSeconds(61));
		provider.failWith(new SmsDeliveryException("down", true));
		int calls = provider.calls();
		for (int i = 0; i < 5; i++) {
			visitor.sendCode();
			assertThat(visitor.smsMessages()).isEqualTo(RETRY);
		}
		assertThat(provider.calls()).isEqualTo(calls + 5);
		double rejected = rejected();

		visitor.sendCode();

		assertThat(provider.calls()).as("the open circuit keeps the 6th press from the provider").isEqualTo(calls + 5);
		assertThat(visitor.smsMessages()).isEqualTo(RETRY);
		assertThat(rejected()).isEqualTo(rejected + 1);

		// The provider is back, but the circuit stays open until the cool-off has passed...
		provider.failWith(null);
		clock.advance(Duration.ofSeconds(29));
		visitor.sendCode();
		assertThat(provider.calls()).isEqualTo(calls + 5);
		// ...then one trial reaches it, succeeds and closes the circuit.
		clock.advance(Duration.ofSeconds(1));
		visitor.sendCode();
		assertThat(provider.calls()).isEqualTo(calls + 6);
		assertThat(visitor.smsMessages()).isEqualTo("We sent a code by SMS.");
		String code = admin.latestCode(person.phone());
		visitor.verify(otherThan(code));
		TestBrowser.Page verified = visitor.verify(code);
		assertThat(visitor.next(verified).location()).startsWith(REDIRECT + "?code=");
	}

	private double rejected() {
		return registry.get("smsauth.sms.sent").tag("outcome", "rejected").counter().count();
	}

}
