package dev.smsauth.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.mfa.Visitor;
import dev.smsauth.support.AuthServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ../shared/SECURITY.md, SMS 8 and web 5 applied to the audit trail: after every kind of event
 * (secrets shown and rotated, passwords typed right, wrong and into the wrong field, codes sent,
 * mistyped and verified, numbers enrolled and removed), no row of {@code audit_event} holds a
 * code, a password, a client secret or a full phone number.
 */
@AuthServerTest
class AuditHygieneTests extends MfaTestBase {

	@Test
	void whenEveryKindOfEventHappenedThenNoAuditRowHoldsACodeAPasswordASecretOrAFullNumber() {
		List<String> secrets = new ArrayList<>();
		List<String> codes = new ArrayList<>();
		List<String> phones = new ArrayList<>();

		// Applications: a secret at creation and one from rotation.
		App app = app(true);
		secrets.add(app.secret());
		JsonNode rotated = admin.call("POST", "/api/v1/applications/" + app.clientId() + "/secret", null).json();
		secrets.add(rotated.get("clientSecret").asString());
		app = new App(app.clientId(), rotated.get("clientSecret").asString());

		// A wrong password, and a password typed into the identifier field.
		Person person = person();
		phones.add(person.phone());
		secrets.add(person.password());
		Visitor stranger = visitor(app);
		stranger.authorize();
		stranger.signIn(person.phone(), "wrong-password-typed-1");
		stranger.signIn("password-in-identifier-2", person.password());
		secrets.add("wrong-password-typed-1");
		secrets.add("password-in-identifier-2");

		// The SMS step: a wrong code, the right one.
		Visitor visitor = atSmsStep(app, person);
		visitor.sendCode();
		String code = admin.latestCode(person.phone());
		codes.add(code);
		String wrongCode = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
		codes.add(wrongCode);
		visitor.verify(wrongCode);
		assertThat(visitor.verify(code).status()).isEqualTo(303);

		// Enrollment of a new number, then the administrator changes password and numbers.
		Person enrolling = personWithoutPhone();
		String enrolled = newPhone();
		phones.add(enrolled);
		Visitor newcomer = atSmsStep(app, enrolling);
		newcomer.enroll(enrolled);
		String enrollCode = admin.latestCode(enrolled);
		codes.add(enrollCode);
		newcomer.verify(enrollCode);
		String replacement = newPhone();
		phones.add(replacement);
		String path = "/api/v1/users/" + enrolling.id();
		assertThat(admin.call("PATCH", path, "{\"password\":\"reset-password-3\",\"phoneNumber\":\"" + replacement + "\"}")
			.status()).isEqualTo(200);
		secrets.add("reset-password-3");
		assertThat(admin.call("PATCH", path, "{\"phoneNumber\":null}").status()).isEqualTo(200);

		List<String> rows = jdbc.sql("SELECT * FROM audit_event")
			.query((rs, n) -> String.join("|", rs.getString("event"), rs.getString("actor_type"),
					String.valueOf(rs.getString("actor_id")), String.valueOf(rs.getString("user_id")),
					String.valueOf(rs.getString("client_id")), String.valueOf(rs.getString("ip")),
					String.valueOf(rs.getString("details"))))
			.list();
		assertThat(String.join("\n", rows)).as("the scenario reached every kind of event with details")
			.contains("SIGN_IN_PASSWORD_REFUSED", "SMS_SENT", "SMS_CODE_WRONG", "SMS_VERIFIED", "PHONE_ENROLLED",
					"USER_PASSWORD_RESET", "USER_PHONE_REMOVED", "APPLICATION_SECRET_ROTATED");
		for (String row : rows) {
			for (String secret : secrets) {
				assertThat(row).as("a password or secret in an audit row").doesNotContain(secret);
			}
			for (String phone : phones) {
				// The number with or without '+', and its national part.
				assertThat(row).as("a full phone number in an audit row")
					.doesNotContain(phone.substring(1))
					.doesNotContain(phone.substring(2));
			}
		}
		// Codes are looked for in the free-text column only: ids are random and may hold any six
		// digits by chance.
		List<String> freeText = jdbc.sql("SELECT details FROM audit_event WHERE details IS NOT NULL")
			.query(String.class)
			.list();
		for (String details : freeText) {
			for (String c : codes) {
				assertThat(Pattern.compile("(?<![0-9])" + c + "(?![0-9])").matcher(details).find())
					.as("code %s in details '%s'", c, details)
					.isFalse();
			}
		}
	}

}
