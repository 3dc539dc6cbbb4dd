package dev.smsauth.notify;

import java.time.Duration;
import java.util.List;

import dev.smsauth.mfa.Visitor;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMS 14: when a code dies of wrong tries the account's number is told, at most once an hour,
 * and the person at the page (who may be an attacker with the password) sees exactly what they
 * saw before notices existed.
 */
@AuthServerTest
class RepeatedCodeFailureNoticeTests extends NoticeTestBase {

	@Test
	void whenACodeDiesAfterFiveWrongTriesThenTheNumberIsToldOnceAndThePageSaysWhatItAlwaysSaid() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.sendCode();
		String code = admin.latestCode(person.phone());
		String wrong = otherThan(code);

		for (int left = 4; left >= 1; left--) {
			TestBrowser.Page answer = visitor.verify(wrong);
			assertThat(answer.status()).isEqualTo(303);
			assertThat(answer.location()).matches(smsStep());
			assertThat(visitor.smsMessages()).isEqualTo("That code is not right. " + left + " tries left.");
			assertThat(texts(person.phone())).as("no notice before the code dies").hasSize(1);
		}
		TestBrowser.Page fifth = visitor.verify(wrong);

		assertThat(fifth.status()).isEqualTo(303);
		assertThat(fifth.location()).matches(smsStep());
		TestBrowser.Page page = visitor.smsPage();
		assertThat(page.alerts()).isEqualTo("Too many wrong codes. Send a new code.");
		assertThat(page.body()).doesNotContainIgnoringCase("notif").doesNotContain("told");
		List<String> texts = texts(person.phone());
		assertThat(texts).hasSize(2);
		assertThat(texts.get(0)).isEqualTo(FAILURES).doesNotContain(code).doesNotContainPattern("[0-9]");
		assertThat(events(person.id(), "NOTICE_SENT")).containsExactly("NOTICE_SENT|repeated code failures "
				+ "(code exhausted after 5 wrong tries): " + masked(person.phone()));
	}

	@Test
	void whenTenMoreFailuresFollowWithinTheHourThenStillOneNoticeAndAfterTheHourAnother() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		for (int round = 0; round < 3; round++) {
			killACode(visitor, person);
			clock.advance(Duration.ofMinutes(10));
		}

		assertThat(texts(person.phone()).stream().filter(FAILURES::equals)).hasSize(1);
		assertThat(events(person.id(), "SMS_LOCKED")).hasSize(3);

		clock.advance(Duration.ofMinutes(31));
		killACode(visitor, person);
		assertThat(texts(person.phone()).stream().filter(FAILURES::equals)).hasSize(2);
	}

	@Test
	void whenEnrollingANumberThenWrongCodesTellNobody() {
		Person person = personWithoutPhone();
		String phone = newPhone();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.enroll(phone);
		String wrong = otherThan(admin.latestCode(phone));

		for (int i = 0; i < 5; i++) {
			visitor.verify(wrong);
		}

		assertThat(visitor.smsMessages()).isEqualTo("Too many wrong codes. Send a new code.");
		assertThat(texts(phone)).hasSize(1).noneMatch(FAILURES::equals);
		assertThat(events(person.id(), "NOTICE_SENT")).isEmpty();
	}

	/** Send code, then five wrong codes. */
	private void killACode(Visitor visitor, Person person) {
		visitor.sendCode();
		String wrong = otherThan(admin.latestCode(person.phone()));
		for (int i = 0; i < 5; i++) {
			visitor.verify(wrong);
		}
		assertThat(visitor.smsMessages()).isEqualTo("Too many wrong codes. Send a new code.");
	}

	static String otherThan(String code) {
		return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
	}

}
