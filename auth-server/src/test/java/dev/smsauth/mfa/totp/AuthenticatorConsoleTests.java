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

	/** A new administrator signed in to the console with password and SMS. */
	private TestBrowser administrator() {
		String phone = newPhone();
		String username = "admin-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		ManagementClient.Response created = admin.call("POST", "/api/v1/users", "{\"username\":\"" + username
				+ "\",\"password\":\"" + PASSWORD + "\",\"phoneNumber\":\"" + phone + "\",\"admin\":true}");
		assertThat(created.status()).isEqualTo(201);
		TestBrowser browser = new TestBrowser(base);
		browser.get("/console");
		browser.submit(browser.get("/login"), "/login", Map.of("username", username, "password", PASSWORD));
		passSmsHere(browser, new Person(created.json().get("id").asString(), username, phone, PASSWORD));
		return browser;
	}

}
