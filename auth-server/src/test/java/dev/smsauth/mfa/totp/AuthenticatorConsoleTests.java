package dev.smsauth.mfa.totp;

import java.util.Map;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The helpdesk reset: an administrator sees whether a user has an authenticator app and removes it. */
@AuthServerTest
class AuthenticatorConsoleTests extends AuthenticatorTestBase {

	@Test
	void whenAdministratorRemovesTheAppInTheConsoleThenItIsGoneAndTheUserGetsSmsAgain() {
		Person person = person();
		enrolled(person);
		TestBrowser console = administrator();

		TestBrowser.Page details = console.get("/console/users/" + person.id());
		assertThat(details.status()).isEqualTo(200);
		assertThat(details.body()).contains("data-testid=\"authenticator-app\">Set up<")
			.contains("Remove authenticator app…");
		TestBrowser.Page confirm = console.get("/console/users/" + person.id() + "/remove-authenticator");
		assertThat(confirm.status()).isEqualTo(200);
		assertThat(rows(person)).as("nothing removed by the confirmation page").isEqualTo(1);
		// Without the CSRF token nothing happens.
		assertThat(console.post("/console/users/" + person.id() + "/remove-authenticator", Map.of()).status())
			.isEqualTo(403);
		assertThat(rows(person)).isEqualTo(1);

		TestBrowser.Page removed = console.submit(confirm, "/console/users/" + person.id() + "/remove-authenticator",
				Map.of());
		assertThat(removed.status()).isEqualTo(303);
		assertThat(rows(person)).isZero();
		assertThat(console.get(removed.location()).body()).contains("data-testid=\"authenticator-app\">Not set up<")
			.contains("Authenticator app removed.");
		assertThat(jdbc.sql("SELECT actor_id FROM audit_event WHERE user_id = :id AND event = 'AUTHENTICATOR_REMOVED'")
			.param("id", person.id())
			.query(String.class)
			.single()).isNotEqualTo(person.id());
		assertThat(admin.call("GET", "/api/v1/users/" + person.id(), null).json().get("authenticatorApp").asBoolean())
			.isFalse();
		atSmsStep(app(true), person);
	}

	@Test
	void whenAdministratorHasAnAuthenticatorAppThenTheConsoleAsksForItsCode() {
		Person adminPerson = newAdministrator();
		PhoneApp phoneApp = enrolled(adminPerson);
		clock.advance(java.time.Duration.ofSeconds(30));

		TestBrowser browser = new TestBrowser(base);
		browser.get("/console");
		TestBrowser.Page afterPassword = browser.submit(browser.get("/login"), "/login",
				Map.of("username", adminPerson.username(), "password", PASSWORD));
		TestBrowser.Page toStep = browser.next(afterPassword);
		assertThat(toStep.location()).matches(authenticatorStep());
		TestBrowser.Page verified = browser.submit(browser.get("/mfa/authenticator"), "/mfa/authenticator/verify",
				Map.of("code", phoneApp.codeAt(clock.instant())));
		assertThat(verified.location()).startsWith(base + "/console");
		assertThat(browser.follow(verified).body()).contains("<h1>Applications</h1>");
	}

	private Person newAdministrator() {
		String phone = newPhone();
		String username = "admin-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		ManagementClient.Response created = admin.call("POST", "/api/v1/users", "{\"username\":\"" + username
				+ "\",\"password\":\"" + PASSWORD + "\",\"phoneNumber\":\"" + phone + "\",\"admin\":true}");
		assertThat(created.status()).isEqualTo(201);
		return new Person(created.json().get("id").asString(), username, phone, PASSWORD);
	}

	/** A new administrator signed in to the console with password and SMS. */
	private TestBrowser administrator() {
		Person adminPerson = newAdministrator();
		TestBrowser browser = new TestBrowser(base);
		browser.get("/console");
		browser.submit(browser.get("/login"), "/login", Map.of("username", adminPerson.username(), "password", PASSWORD));
		passSmsHere(browser, adminPerson);
		return browser;
	}

}
