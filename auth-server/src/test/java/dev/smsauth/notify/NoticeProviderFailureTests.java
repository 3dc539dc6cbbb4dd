package dev.smsauth.notify;

import dev.smsauth.sms.SmsDeliveryException;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.SwitchableSmsSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** A provider failure on a notice never fails the change that caused it; it is audited instead. */
@AuthServerTest
@Import(SwitchableSmsSender.Config.class)
class NoticeProviderFailureTests extends NoticeTestBase {

	@Autowired
	SwitchableSmsSender provider;

	@AfterEach
	void providerBackUp() {
		provider.failWith(null);
	}

	@Test
	void whenTheProviderFailsOnTheNoticeThenTheChangeStandsAndTheFailureIsAudited() {
		Person person = person();
		String replacement = newPhone();
		provider.failWith(new SmsDeliveryException("provider down", true));
		int calls = provider.calls();

		var answer = admin.call("PATCH", "/api/v1/users/" + person.id(), "{\"phoneNumber\":\"" + replacement + "\"}");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("phoneNumber").asString()).isEqualTo(replacement);
		assertThat(provider.calls()).isEqualTo(calls + 1);
		assertThat(events(person.id(), "NOTICE_NOT_SENT")).containsExactly(
				"NOTICE_NOT_SENT|phone number changed (by an administrator): provider failed: " + masked(person.phone()));
		assertThat(events(person.id(), "NOTICE_SENT")).isEmpty();
		assertThat(events(person.id(), "USER_PHONE_CHANGED")).hasSize(1);
	}

}
