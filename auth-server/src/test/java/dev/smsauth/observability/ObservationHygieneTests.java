package dev.smsauth.observability;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.mfa.Visitor;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SECURITY.md SMS 8, the "traces" part. No tracer is shipped, but every observation the server makes
 * (what a tracing bridge would turn into spans: names, low- and high-cardinality key values, errors)
 * goes through the {@code ObservationRegistry}. A handler of our own records all of them during an
 * SMS sign-in with a wrong code and a right one; none may hold the code or the phone number.
 */
@AuthServerTest
@Import(ObservationHygieneTests.Recording.class)
class ObservationHygieneTests extends MfaTestBase {

	@Autowired
	Queue<String> observed;

	@Test
	void whenSmsSignInWithAWrongAndARightCodeThenNoObservationHoldsTheCodeOrTheNumber() {
		Person person = person();
		App app = app(true);
		Visitor visitor = atSmsStep(app, person);
		visitor.sendCode();
		String code = admin.latestCode(person.phone());
		String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
		visitor.verify(wrong);
		TestBrowser.Page verified = visitor.verify(code);
		visitor.idToken(visitor.next(verified), app.secret());

		List<String> all = List.copyOf(observed);
		assertThat(all).as("the handler saw the verify requests").anyMatch(o -> o.contains("/mfa/sms/verify"));
		String digits = person.phone().substring(2);
		assertThat(all).noneMatch(o -> o.contains(digits)).noneMatch(o -> o.contains(person.phone()));
		assertThat(all).noneMatch(o -> o.matches("(?s).*(?<![0-9.])(" + code + "|" + wrong + ")(?![0-9]).*"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Recording {

		@Bean
		Queue<String> observed() {
			return new ConcurrentLinkedQueue<>();
		}

		@Bean
		ObservationHandler<Observation.Context> recordingHandler(Queue<String> observed) {
			return new ObservationHandler<>() {
				@Override
				public void onStop(Observation.Context context) {
					StringBuilder line = new StringBuilder(context.getName() + " " + context.getContextualName());
					for (KeyValue keyValue : context.getAllKeyValues()) {
						line.append(' ').append(keyValue.getKey()).append('=').append(keyValue.getValue());
					}
					if (context.getError() != null) {
						line.append(" error=").append(context.getError());
					}
					observed.add(line.toString());
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}
			};
		}

	}

}
