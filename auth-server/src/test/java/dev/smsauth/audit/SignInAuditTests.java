package dev.smsauth.audit;

import java.time.Duration;
import java.util.List;

import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.mfa.Visitor;
import dev.smsauth.support.AuthServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.smsauth.audit.AuditTrail.names;
import static dev.smsauth.audit.AuditTrail.only;
import static dev.smsauth.audit.AuditTrail.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in events through the hosted pages: the password step (accepted or refused) and the SMS
 * step (sent, verified, wrong, locked, enrollment), each for the right user and application.
 */
@AuthServerTest
class SignInAuditTests extends MfaTestBase {

	AuditTrail trail;

	@BeforeEach
	void trail() {
		trail = new AuditTrail(admin);
	}

	/** The user's events after the account was created, oldest first. */
	List<JsonNode> signInEvents(Person person) {
		return trail.oldestFirst("userId=" + person.id())
			.stream()
			.filter(e -> !text(e, "event").equals("USER_CREATED"))
			.toList();
	}

	static String wrong(String code) {
		return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
	}

	@Test
	void whenSmsSignInCompletesThenPasswordAcceptedSmsSentAndVerifiedInThatOrderForThatUserAndApp() {
		Person person = person();
		App app = app(true);
		Visitor visitor = atSmsStep(app, person);

		assertThat(passSms(visitor, person.phone()).location()).startsWith(REDIRECT + "?code=");

		List<JsonNode> events = signInEvents(person);
		assertThat(names(events)).containsExactly("SIGN_IN_PASSWORD_ACCEPTED", "SMS_SENT", "SMS_VERIFIED");
		for (JsonNode event : events) {
			assertThat(text(event, "userId")).as("%s", event).isEqualTo(person.id());
			assertThat(text(event, "clientId")).as("%s", event).isEqualTo(app.clientId());
			assertThat(text(event, "actorType")).as("%s", event).isEqualTo("USER");
			assertThat(text(event, "actorId")).as("%s", event).isEqualTo(person.id());
			assertThat(text(event, "ip")).as("%s", event).matches(AuditTrail.LOOPBACK);
		}
		assertThat(text(events.get(1), "details")).isEqualTo(person.masked() + " via outbox");
	}

	@Test
	void whenPasswordOnlySignInThenAcceptedAndNoSmsEvent() {
		Person person = person();
		App app = app(false);
		Visitor visitor = visitor(app);
		visitor.authorize();

		assertThat(visitor.next(visitor.signIn(person.phone(), person.password())).location())
			.startsWith(REDIRECT + "?code=");

		List<JsonNode> events = signInEvents(person);
		assertThat(names(events)).containsExactly("SIGN_IN_PASSWORD_ACCEPTED");
		assertThat(text(events.get(0), "clientId")).isEqualTo(app.clientId());
	}

	@Test
	void whenPasswordWrongThenRefusedNamingTheKindButNeitherWhatWasTypedNorTheUser() {
		Person person = person();
		App app = app(true);
		Visitor visitor = visitor(app);
		visitor.authorize();

		assertThat(visitor.signIn(person.username(), "wrong-password-typed").location()).isEqualTo(base + "/login?error");
		// People type their password into the identifier field too.
		assertThat(visitor.signIn("my-secret-password-x", person.password()).location()).isEqualTo(base + "/login?error");

		List<JsonNode> refused = trail.oldestFirst("clientId=" + app.clientId() + "&event=SIGN_IN_PASSWORD_REFUSED");
		assertThat(refused).hasSize(2);
		for (JsonNode event : refused) {
			assertThat(text(event, "details")).isEqualTo("bad credentials");
			assertThat(text(event, "userId")).isNull();
			assertThat(text(event, "actorType")).isEqualTo("ANONYMOUS");
			assertThat(event.toString()).doesNotContain(person.username())
				.doesNotContain("wrong-password-typed")
				.doesNotContain("my-secret-password-x")
				.doesNotContain(person.password());
		}
		assertThat(signInEvents(person)).isEmpty();
	}

	@Test
	void whenAccountDisabledThenRefusedSaysDisabled() {
		Person person = person();
		App app = app(true);
		assertThat(admin.call("PATCH", "/api/v1/users/" + person.id(), "{\"enabled\":false}").status()).isEqualTo(200);
		Visitor visitor = visitor(app);
		visitor.authorize();

		visitor.signIn(person.username(), person.password());

		List<JsonNode> refused = trail.oldestFirst("clientId=" + app.clientId() + "&event=SIGN_IN_PASSWORD_REFUSED");
		assertThat(refused).hasSize(1);
		assertThat(text(refused.get(0), "details")).isEqualTo("disabled");
	}

	@Test
	void whenAccountDisabledAndPasswordWrongThenRefusedAsBadCredentials() {
		// The status is looked at only after the password: "disabled" means the password was right.
		Person person = person();
		App app = app(true);
		assertThat(admin.call("PATCH", "/api/v1/users/" + person.id(), "{\"enabled\":false}").status()).isEqualTo(200);
		Visitor visitor = visitor(app);
		visitor.authorize();

		visitor.signIn(person.username(), "not-" + person.password());

		List<JsonNode> refused = trail.oldestFirst("clientId=" + app.clientId() + "&event=SIGN_IN_PASSWORD_REFUSED");
		assertThat(refused).hasSize(1);
		assertThat(text(refused.get(0), "details")).isEqualTo("bad credentials");
	}

	@Test
	void whenCodeWrongThenSmsCodeWrongWithTriesLeft() {
		Person person = person();
		App app = app(true);
		Visitor visitor = atSmsStep(app, person);
		visitor.sendCode();

		visitor.verify(wrong(admin.latestCode(person.phone())));

		List<JsonNode> wrong = only(signInEvents(person), "SMS_CODE_WRONG");
		assertThat(wrong).hasSize(1);
		assertThat(text(wrong.get(0), "details")).isEqualTo("tries left: 4");
		assertThat(text(wrong.get(0), "clientId")).isEqualTo(app.clientId());
		assertThat(text(wrong.get(0), "actorId")).isEqualTo(person.id());
	}

	@Test
	void whenFiveWrongCodesThenSmsLockedAfterTheFifth() {
		Person person = person();
		App app = app(true);
		Visitor visitor = atSmsStep(app, person);
		visitor.sendCode();
		String bad = wrong(admin.latestCode(person.phone()));

		for (int i = 0; i < 5; i++) {
			visitor.verify(bad);
		}

		List<JsonNode> events = signInEvents(person);
		// The dead code also tells the account's number (SMS 14), at most once an hour.
		assertThat(names(events)).containsExactly("SIGN_IN_PASSWORD_ACCEPTED", "SMS_SENT", "SMS_CODE_WRONG",
				"SMS_CODE_WRONG", "SMS_CODE_WRONG", "SMS_CODE_WRONG", "SMS_CODE_WRONG", "SMS_LOCKED", "NOTICE_SENT");
		assertThat(only(events, "SMS_CODE_WRONG").stream().map(e -> text(e, "details")))
			.containsExactly("tries left: 4", "tries left: 3", "tries left: 2", "tries left: 1", "tries left: 0");
		JsonNode locked = only(events, "SMS_LOCKED").get(0);
		assertThat(text(locked, "details")).isEqualTo("code exhausted after 5 wrong tries");
		assertThat(text(locked, "clientId")).isEqualTo(app.clientId());
	}

	@Test
	void whenHourlySendLimitReachedThenSmsSendFailed() {
		Person person = person();
		App app = app(true);
		Visitor visitor = atSmsStep(app, person);
		for (int i = 0; i < 10; i++) {
			visitor.sendCode();
			clock.advance(Duration.ofSeconds(61));
		}
		assertThat(outboxSize(person.phone())).isEqualTo(10);

		visitor.sendCode();

		assertThat(outboxSize(person.phone())).isEqualTo(10);
		List<JsonNode> failed = only(signInEvents(person), "SMS_SEND_FAILED");
		assertThat(failed).hasSize(1);
		assertThat(text(failed.get(0), "details")).isEqualTo("not sent: hourly limit");
		assertThat(only(signInEvents(person), "SMS_SENT")).hasSize(10);
	}

	@Test
	void whenPhoneEnrolledThenPhoneEnrolledWithTheMaskedNumberAndTheApplication() {
		Person person = personWithoutPhone();
		String phone = newPhone();
		App app = app(true);
		Visitor visitor = atSmsStep(app, person);
		visitor.enroll(phone);

		visitor.verify(admin.latestCode(phone));

		List<JsonNode> events = signInEvents(person);
		assertThat(names(events)).containsExactly("SIGN_IN_PASSWORD_ACCEPTED", "SMS_SENT", "SMS_VERIFIED",
				"PHONE_ENROLLED");
		JsonNode enrolled = events.get(3);
		assertThat(text(enrolled, "details")).isEqualTo("+1 ••• ••• " + phone.substring(phone.length() - 4));
		assertThat(text(enrolled, "clientId")).isEqualTo(app.clientId());
		assertThat(text(enrolled, "actorType")).isEqualTo("USER");
		assertThat(text(enrolled, "actorId")).isEqualTo(person.id());
	}

}
