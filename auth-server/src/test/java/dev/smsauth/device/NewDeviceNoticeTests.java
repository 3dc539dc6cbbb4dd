package dev.smsauth.device;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The new-device notice: a second factor in a browser new to the account, which already has
 * another known device, tells the account's number once; the first device is not news; a known
 * browser is not new again; the notice budget per number holds.
 */
@AuthServerTest
@Import(DeviceTestEndpoints.class)
class NewDeviceNoticeTests extends DeviceTestBase {

	@Test
	void whenTheSecondBrowserProvesAFactorThenOneNoticeAndNotForTheFirstNorAgain() {
		Person person = person();
		TestBrowser first = signedIn(person);
		proven(first, true, CHROME_ON_WINDOWS);
		proven(first, false, CHROME_ON_WINDOWS);
		assertThat(texts(person)).isEmpty();

		TestBrowser second = signedIn(person);
		proven(second, false, FIREFOX_ON_LINUX);
		String when = DateTimeFormatter.ofPattern("d MMM, HH:mm 'UTC'", Locale.ENGLISH)
			.format(clock.instant().atZone(ZoneOffset.UTC));
		assertThat(texts(person)).containsExactly("New sign-in to SMS Auth from Firefox on Linux on " + when
				+ ". If this wasn't you, change your password.");
		assertThat(texts(person).get(0)).doesNotContainPattern("[0-9]{4}");
		assertThat(events(person, "NOTICE_SENT")).containsExactly(
				"NOTICE_SENT|new device (Firefox on Linux): " + person.masked());

		proven(second, true, FIREFOX_ON_LINUX);
		proven(first, false, CHROME_ON_WINDOWS);
		assertThat(texts(person)).hasSize(1);
	}

	@Test
	void whenAnotherUserHadThisBrowserThenItIsStillTheFirstDeviceOfThisAccount() {
		Person alice = person();
		Person bob = person();
		TestBrowser shared = signedIn(alice);
		proven(shared, false);
		signIn(shared, bob);
		proven(shared, false);
		assertThat(texts(alice)).isEmpty();
		assertThat(texts(bob)).isEmpty();
	}

	@Test
	void theNoticesObeyTheBudgetPerNumber() {
		Person person = person();
		proven(signedIn(person), false);
		for (int i = 0; i < 4; i++) {
			proven(signedIn(person), false, FIREFOX_ON_LINUX);
		}
		// auth.notify.max-per-number-per-hour is 3 by default.
		assertThat(texts(person)).hasSize(3);
		assertThat(events(person, "NOTICE_NOT_SENT")).containsExactly("NOTICE_NOT_SENT|new device (Firefox on Linux): "
				+ "not sent, number budget spent: " + person.masked());
	}

	@Test
	void whenTheAccountHasNoNumberThenNobodyIsToldAndNothingFails() {
		Person person = personWithoutPhone();
		proven(signedIn(person), false);
		proven(signedIn(person), false);
		assertThat(rows(person)).isEqualTo(2);
		assertThat(events(person, "NOTICE_SENT")).isEmpty();
		assertThat(events(person, "NOTICE_NOT_SENT")).isEmpty();
	}

	private List<String> texts(Person person) {
		List<String> texts = new ArrayList<>();
		admin.outbox(person.phone()).forEach(m -> texts.add(m.get("text").asString()));
		return texts;
	}

}
