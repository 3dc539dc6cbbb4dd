package dev.smsauth.mfa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.smsauth.mfa.NoCodeBeforeSmsTests.otherThan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue rule 4 with the default limits: six digits, only a keyed hash stored, five minutes,
 * single use, five wrong tries, ten sends an hour, and never in the log.
 */
@AuthServerTest
@ExtendWith(OutputCaptureExtension.class)
class SmsCodeRulesTests extends MfaTestBase {

	private static final Pattern DIGIT_RUN = Pattern.compile("[0-9]+");

	@Test
	void whenCodeSentThenItIsSixDigits() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.sendCode();

		String text = admin.outbox(person.phone()).get(0).get("text").asString();
		Matcher run = DIGIT_RUN.matcher(text);
		assertThat(run.find()).isTrue();
		assertThat(run.group()).as("the first number in %s", text).hasSize(6);
		assertThat(text).startsWith(run.group() + " is your verification code.");
		assertThat(visitor.smsPage().body()).contains("Enter the 6-digit code.");
	}

	@Test
	void whenCodeStoredThenOnlyAsKeyedHash() throws Exception {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.sendCode();
		String code = admin.latestCode(person.phone());

		Map<String, Object> row = jdbc.sql("SELECT * FROM sms_challenge WHERE user_id = :user")
			.param("user", person.id())
			.query()
			.singleRow();
		String hash = (String) row.get("CODE_HASH");
		String id = (String) row.get("ID");
		assertThat(hash).matches("[0-9a-f]{64}").doesNotContain(code);
		// Not a bare digest anyone could recompute for all million codes: a key is needed.
		assertThat(hash).isNotEqualTo(sha256(code)).isNotEqualTo(sha256(id + ":" + code)).isNotEqualTo(sha256(id + code));
		assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(code));
		assertThat(columnsHolding(code)).containsExactly("sms_outbox.text");

		TestBrowser.Page verified = visitor.verify(code);
		assertThat(verified.location()).startsWith(REDIRECT + "?code=");
		assertThat(columnsHolding(code)).containsExactly("sms_outbox.text");
	}

	@Test
	void whenCodeExpiredThenRefused() {
		Person person = person();
		App app = app(true);
		Visitor visitor = atSmsStep(app, person);
		visitor.sendCode();
		String code = admin.latestCode(person.phone());

		clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		TestBrowser.Page late = visitor.verify(code);

		assertThat(late.status()).isEqualTo(303);
		assertThat(late.location()).matches(smsStep());
		assertThat(visitor.smsMessages()).isEqualTo("That code has expired. Send a new code.");
		assertThat(visitor.authorize().location()).matches(smsStep());
		visitor.assertNoCodeInAnyHop();
		assertThat(codesIssued(app)).isZero();
	}

	@Test
	void whenCodeJustUnderFiveMinutesOldThenAccepted() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		visitor.sendCode();
		String code = admin.latestCode(person.phone());

		clock.advance(Duration.ofMinutes(5).minusSeconds(1));
		TestBrowser.Page verified = visitor.verify(code);

		assertThat(verified.location()).startsWith(REDIRECT + "?code=");
	}

	@Test
	void whenCodeUsedOnceThenRefusedInFreshSignIn() {
		Person person = person();
		App app = app(true);
		Visitor first = atSmsStep(app, person);
		first.sendCode();
		String code = admin.latestCode(person.phone());
		assertThat(first.next(first.verify(code)).location()).startsWith(REDIRECT + "?code=");
		int issued = codesIssued(app);

		Visitor second = atSmsStep(app, person);
		TestBrowser.Page again = second.verify(code);

		assertThat(again.location()).matches(smsStep());
		assertThat(second.smsMessages()).isEqualTo("Send a code first.");
		assertThat(second.authorize().location()).matches(smsStep());
		second.assertNoCodeInAnyHop();
		assertThat(codesIssued(app)).isEqualTo(issued);
	}

	@Test
	void whenFiveWrongCodesThenCorrectCodeRefused() {
		Person person = person();
		App app = app(true);
		Visitor visitor = atSmsStep(app, person);
		visitor.sendCode();
		String code = admin.latestCode(person.phone());
		String wrong = otherThan(code);

		for (int left = 4; left >= 1; left--) {
			visitor.verify(wrong);
			assertThat(visitor.smsMessages()).isEqualTo("That code is not right. " + left + " tries left.");
		}
		visitor.verify(wrong);
		assertThat(visitor.smsMessages()).isEqualTo("Too many wrong codes. Send a new code.");

		TestBrowser.Page correct = visitor.verify(code);
		assertThat(correct.location()).matches(smsStep());
		assertThat(visitor.smsMessages()).containsIgnoringCase("send a");
		assertThat(visitor.authorize().location()).matches(smsStep());
		visitor.assertNoCodeInAnyHop();
		assertThat(codesIssued(app)).isZero();
		assertThat(jdbc.sql("SELECT status FROM sms_challenge WHERE user_id = :user")
			.param("user", person.id())
			.query(String.class)
			.single()).isEqualTo("EXHAUSTED");
	}

	@Test
	void whenTenCodesSentInAnHourThenEleventhRefusedWithLimitMessageAndNoSms() {
		Person person = person();
		Visitor visitor = atSmsStep(app(true), person);
		for (int i = 0; i < 10; i++) {
			visitor.sendCode();
			assertThat(visitor.smsMessages()).as("send %d", i + 1).isEqualTo("We sent a code by SMS.");
			clock.advance(Duration.ofSeconds(61));
		}
		assertThat(outboxSize(person.phone())).isEqualTo(10);

		visitor.sendCode();

		assertThat(visitor.smsMessages()).isEqualTo("Too many codes were requested. Please try again later.");
		assertThat(outboxSize(person.phone())).isEqualTo(10);
	}

	@Test
	void whenFullSmsSignInThenCodeAndPhoneNumberNeverLogged(CapturedOutput output) {
		Person person = person();
		App app = app(true);
		Visitor visitor = atSmsStep(app, person);
		visitor.sendCode();
		String wrong = otherThan(admin.latestCode(person.phone()));
		visitor.verify(wrong);
		clock.advance(Duration.ofSeconds(61));
		visitor.sendCode();
		String code = admin.latestCode(person.phone());
		TestBrowser.Page done = visitor.next(visitor.verify(code));
		visitor.idToken(done, app.secret());

		String log = output.getAll();
		// The capture works: the outbox provider logged its line for each message.
		assertThat(log).contains("stored in the outbox");
		assertThat(log).doesNotContain(person.phone())
			.doesNotContain(person.phone().substring(1))
			.doesNotContain(person.phone().substring(2));
		List.of(code, wrong).forEach(c -> assertThat(log).doesNotContainPattern("(?<![0-9])" + c + "(?![0-9])"));
	}

	private static String sha256(String value) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
	}

}
