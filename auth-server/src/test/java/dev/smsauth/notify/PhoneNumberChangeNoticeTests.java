package dev.smsauth.notify;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import dev.smsauth.user.UserPatch;
import dev.smsauth.user.UserService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMS 11 "the old number is told": whenever an administrator changes or removes a number (API or
 * console), the OLD number gets a plain notice once the change committed; the new number gets
 * nothing (it is proven by the SMS step at the next sign-in); failed or rolled-back changes send
 * nothing.
 */
@AuthServerTest
class PhoneNumberChangeNoticeTests extends NoticeTestBase {

	@Autowired
	UserService users;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void whenAdministratorChangesTheNumberThroughTheApiThenOnlyTheOldNumberIsTold() {
		Person person = person();
		String replacement = newPhone();

		var answer = admin.call("PATCH", "/api/v1/users/" + person.id(), "{\"phoneNumber\":\"" + replacement + "\"}");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(texts(person.phone())).containsExactly(CHANGED);
		assertThat(texts(replacement)).isEmpty();
		assertThat(events(person.id(), "USER_PHONE_CHANGED"))
			.containsExactly("USER_PHONE_CHANGED|" + masked(person.phone()) + " → " + masked(replacement));
		assertThat(events(person.id(), "NOTICE_SENT"))
			.containsExactly("NOTICE_SENT|phone number changed (by an administrator): " + masked(person.phone()));
		assertThat(events(person.id(), "USER_UPDATED")).isEmpty();
	}

	@Test
	void whenAdministratorRemovesTheNumberThenTheOldNumberIsToldItWasRemoved() {
		Person person = person();

		assertThat(admin.call("PATCH", "/api/v1/users/" + person.id(), "{\"phoneNumber\":null}").status()).isEqualTo(200);

		assertThat(texts(person.phone())).containsExactly(REMOVED);
		assertThat(events(person.id(), "NOTICE_SENT"))
			.containsExactly("NOTICE_SENT|phone number removed (by an administrator): " + masked(person.phone()));
	}

	@Test
	void whenAdministratorAddsANumberToAnAccountWithoutOneThenNobodyIsTold() {
		Person person = personWithoutPhone();
		String added = newPhone();

		assertThat(admin.call("PATCH", "/api/v1/users/" + person.id(), "{\"phoneNumber\":\"" + added + "\"}").status())
			.isEqualTo(200);

		assertThat(texts(added)).isEmpty();
		assertThat(events(person.id(), "USER_PHONE_CHANGED")).containsExactly("USER_PHONE_CHANGED|set: " + masked(added));
		assertThat(events(person.id(), "NOTICE_SENT")).isEmpty();
	}

	@Test
	void whenOtherFieldsOrTheSameNumberArePatchedThenNobodyIsTold() {
		Person person = person();

		admin.call("PATCH", "/api/v1/users/" + person.id(), "{\"name\":\"Someone Else\"}");
		admin.call("PATCH", "/api/v1/users/" + person.id(), "{\"phoneNumber\":\"" + person.phone() + "\"}");
		admin.call("PATCH", "/api/v1/users/" + person.id(), "{\"enabled\":false,\"password\":\"another-password-1\"}");

		assertThat(texts(person.phone())).isEmpty();
		assertThat(events(person.id(), "USER_PHONE_CHANGED")).isEmpty();
	}

	@Test
	void whenAdministratorChangesTheNumberInTheConsoleThenOnlyTheOldNumberIsTold() {
		Person person = person();
		String replacement = newPhone();
		TestBrowser console = administrator();
		TestBrowser.Page details = console.get("/console/users/" + person.id());
		assertThat(details.status()).isEqualTo(200);

		TestBrowser.Page saved = console.submit(details, "/console/users/" + person.id(),
				Map.of("username", person.username(), "phoneNumber", replacement, "email", "", "name", ""));

		assertThat(saved.status()).isEqualTo(303);
		assertThat(admin.call("GET", "/api/v1/users/" + person.id(), null).json().get("phoneNumber").asString())
			.isEqualTo(replacement);
		assertThat(texts(person.phone())).containsExactly(CHANGED);
		assertThat(texts(replacement)).isEmpty();

		// The console's "Remove phone number" tells the number it removes.
		TestBrowser.Page confirm = console.get("/console/users/" + person.id() + "/remove-phone");
		assertThat(console.submit(confirm, "/console/users/" + person.id() + "/remove-phone", Map.of()).status())
			.isEqualTo(303);
		assertThat(texts(replacement)).containsExactly(REMOVED);
		assertThat(texts(person.phone())).containsExactly(CHANGED);
	}

	@Test
	void whenTheChangeIsInvalidOrTheNumberTakenThenNothingIsSent() {
		Person person = person();
		Person other = person();
		String path = "/api/v1/users/" + person.id();

		assertThat(admin.call("PATCH", path, "{\"phoneNumber\":\"" + newPhone() + "\",\"email\":\"not-an-email\"}").status())
			.isEqualTo(400);
		assertThat(admin.call("PATCH", path, "{\"phoneNumber\":\"" + other.phone() + "\"}").status()).isEqualTo(409);
		assertThat(admin.call("PATCH", path, "{\"phoneNumber\":\"12345\"}").status()).isEqualTo(400);

		assertThat(texts(person.phone())).isEmpty();
		assertThat(texts(other.phone())).isEmpty();
		assertThat(events(person.id(), "NOTICE_SENT")).isEmpty();
	}

	@Test
	void whenTheChangeRollsBackThenNothingIsSent() {
		Person person = person();
		String replacement = newPhone();
		TransactionTemplate transaction = new TransactionTemplate(transactions);

		transaction.executeWithoutResult(status -> {
			users.update(person.id(), new UserPatch(null, Optional.of(replacement), null, null, null, null));
			status.setRollbackOnly();
		});

		assertThat(users.get(person.id()).phoneNumber()).isEqualTo(person.phone());
		assertThat(texts(person.phone())).isEmpty();
		assertThat(texts(replacement)).isEmpty();
		assertThat(events(person.id(), "USER_PHONE_CHANGED")).isEmpty();
	}

	@Test
	void whenOneNumberIsChangedAwayFromOftenThenItsNoticesAreCappedPerHour() {
		Person person = person();
		String path = "/api/v1/users/" + person.id();

		for (int i = 0; i < 4; i++) {
			assertThat(admin.call("PATCH", path, "{\"phoneNumber\":\"" + newPhone() + "\"}").status()).isEqualTo(200);
			assertThat(admin.call("PATCH", path, "{\"phoneNumber\":\"" + person.phone() + "\"}").status()).isEqualTo(200);
		}

		// Default auth.notify.max-per-number-per-hour is 3: the fourth change away is audited, not sent.
		assertThat(texts(person.phone())).containsExactly(CHANGED, CHANGED, CHANGED);
		assertThat(events(person.id(), "NOTICE_NOT_SENT")).containsExactly("NOTICE_NOT_SENT|phone number changed "
				+ "(by an administrator): not sent, number budget spent: " + masked(person.phone()));
		clock.advance(java.time.Duration.ofMinutes(61));
		admin.call("PATCH", path, "{\"phoneNumber\":\"" + newPhone() + "\"}");
		assertThat(texts(person.phone())).hasSize(4);
	}

	@Test
	void whenNoticesAreSentThenNoTextHoldsACodeOrANumber() {
		Person person = person();
		String replacement = newPhone();
		admin.call("PATCH", "/api/v1/users/" + person.id(), "{\"phoneNumber\":\"" + replacement + "\"}");
		admin.call("PATCH", "/api/v1/users/" + person.id(), "{\"phoneNumber\":null}");

		Pattern digits = Pattern.compile("[0-9]");
		assertThat(texts(person.phone())).hasSize(1);
		assertThat(texts(replacement)).hasSize(1);
		for (String text : texts(person.phone())) {
			assertThat(digits.matcher(text).find()).as(text).isFalse();
		}
		for (String text : texts(replacement)) {
			assertThat(digits.matcher(text).find()).as(text).isFalse();
		}
	}

	/** A fresh administrator signed in to the console with the SMS step. */
	private TestBrowser administrator() {
		String phone = newPhone();
		String username = "adm-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		var created = admin.call("POST", "/api/v1/users", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
				+ "\",\"phoneNumber\":\"" + phone + "\",\"admin\":true}");
		assertThat(created.status()).isEqualTo(201);
		TestBrowser browser = new TestBrowser(base);
		browser.get("/console");
		browser.submit(browser.get("/login"), "/login", Map.of("username", username, "password", PASSWORD));
		browser.submit(browser.get("/mfa/sms"), "/mfa/sms/send", Map.of());
		browser.submit(browser.get("/mfa/sms"), "/mfa/sms/verify", Map.of("code", admin.latestCode(phone)));
		assertThat(browser.get("/console/users").status()).isEqualTo(200);
		return browser;
	}

}
