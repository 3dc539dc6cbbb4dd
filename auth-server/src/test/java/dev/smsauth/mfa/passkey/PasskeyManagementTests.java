package dev.smsauth.mfa.passkey;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's passkeys as administrators and the holder manage them, over HTTP as device management
 * is tested: the management API (list without the key, remove audited with the acting
 * administrator, 404 problem documents), the console's user page (list, Remove), and the holder's
 * rename at /account/passkeys (CSRF, 303, an empty or too long name refused).
 */
@AuthServerTest
class PasskeyManagementTests extends MfaTestBase {

	@Autowired
	UserCredentialRepository credentials;

	@Autowired
	Passkeys passkeys;

	@Test
	void theApiListsPasskeysWithoutTheKeyAndRemovesOneAuditedWithTheAdministrator() {
		Person person = person();
		String laptop = storedPasskey(person, "My laptop");
		storedPasskey(person, "Security key");

		ManagementClient.Response answer = admin.call("GET", "/api/v1/users/" + person.id() + "/passkeys", null);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode list = answer.json();
		assertThat(list).hasSize(2);
		JsonNode first = list.get(0);
		assertThat(first.propertyNames()).containsExactlyInAnyOrder("id", "name", "createdAt", "lastUsedAt");
		assertThat(list.toString()).contains("My laptop").contains("Security key").doesNotContain("publicKey")
			.doesNotContain("userEntity");

		assertThat(admin.call("DELETE", "/api/v1/users/" + person.id() + "/passkeys/" + laptop, null).status())
			.isEqualTo(204);
		assertThat(passkeys.list(person.id())).extracting(Passkeys.Passkey::label).containsExactly("Security key");
		assertThat(audit(person, "PASSKEY_REMOVED"))
			.containsExactly("PASSKEY_REMOVED|CLIENT|management-cli|My laptop, by an administrator");
	}

	@Test
	void theApiAnswersProblem404ForAnUnknownUserOrPasskeyOrAnotherUsersPasskey() {
		Person alice = person();
		Person bob = person();
		String alicesPasskey = storedPasskey(alice, "Alice's key");
		storedPasskey(bob, "Bob's key");

		assertProblem404(admin.call("GET", "/api/v1/users/no-such-user/passkeys", null));
		assertProblem404(admin.call("DELETE", "/api/v1/users/no-such-user/passkeys/" + alicesPasskey, null));
		assertProblem404(admin.call("DELETE", "/api/v1/users/" + alice.id() + "/passkeys/no-such-passkey", null));
		assertProblem404(admin.call("DELETE", "/api/v1/users/" + alice.id() + "/passkeys/not!base64url", null));
		assertProblem404(admin.call("DELETE", "/api/v1/users/" + bob.id() + "/passkeys/" + alicesPasskey, null));
		Person nobody = person();
		assertProblem404(admin.call("DELETE", "/api/v1/users/" + nobody.id() + "/passkeys/" + alicesPasskey, null));
		assertThat(admin.call("GET", "/api/v1/users/" + nobody.id() + "/passkeys", null).json()).isEmpty();
		assertThat(passkeys.list(alice.id())).hasSize(1);
		assertThat(audit(alice, "PASSKEY_REMOVED")).isEmpty();
	}

	@Test
	void theConsoleUserPageListsPasskeysAndAnAdministratorRemovesOne() {
		Person person = person();
		String id = storedPasskey(person, "Work laptop");
		TestBrowser console = administrator();

		TestBrowser.Page page = console.get("/console/users/" + person.id());
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<h2 id=\"passkeys-heading\">Passkeys</h2>").contains("Work laptop")
			.contains("data-passkey-id=\"" + id + "\"");

		TestBrowser.Page removed = console.submit(page, "/console/users/" + person.id() + "/passkeys/" + id + "/remove",
				Map.of());
		assertThat(removed.status()).isEqualTo(303);
		assertThat(removed.location()).isEqualTo(base + "/console/users/" + person.id());
		assertThat(console.get("/console/users/" + person.id()).body()).contains("data-testid=\"no-passkeys\"")
			.contains("Passkey removed.");
		assertThat(passkeys.list(person.id())).isEmpty();
		List<String> events = audit(person, "PASSKEY_REMOVED");
		assertThat(events).singleElement().asString().startsWith("PASSKEY_REMOVED|USER|")
			.endsWith("Work laptop, by an administrator")
			.doesNotContain("|USER|" + person.id() + "|");

		TestBrowser.Page unknown = console.submit(page,
				"/console/users/" + person.id() + "/passkeys/no-such-passkey/remove", Map.of());
		assertThat(unknown.status()).isEqualTo(404);
	}

	@Test
	void theHolderRemovingAPasskeyIsAuditedToo() {
		Person person = person();
		TestBrowser browser = signedInWithSms(person);
		String id = storedPasskey(person, "Old phone");

		TestBrowser.Page removed = browser.submit(browser.get("/account/passkeys"),
				"/account/passkeys/" + id + "/remove", Map.of());

		assertThat(removed.status()).isEqualTo(303);
		assertThat(audit(person, "PASSKEY_REMOVED"))
			.containsExactly("PASSKEY_REMOVED|USER|" + person.id() + "|Old phone, by the user");
	}

	@Test
	void theHolderRenamesAPasskeyWithItsOwnNameFieldCsrfAnd303() {
		Person person = person();
		TestBrowser browser = signedInWithSms(person);
		String id = storedPasskey(person, "Passkey");
		storedPasskey(person, "Other");

		TestBrowser.Page page = browser.get("/account/passkeys");
		assertThat(page.body()).contains("<label for=\"passkey-rename-0\">Name</label>")
			.contains("<label for=\"passkey-rename-1\">Name</label>")
			.contains(">Rename</button>")
			.contains("action=\"/account/passkeys/" + id + "/rename\"");
		TestBrowser.Page noCsrf = browser.post("/account/passkeys/" + id + "/rename", Map.of("name", "Stolen"));
		assertThat(noCsrf.status()).isEqualTo(403);

		TestBrowser.Page renamed = browser.submit(page, "/account/passkeys/" + id + "/rename",
				Map.of("name", "  Work laptop  "));

		assertThat(renamed.status()).isEqualTo(303);
		assertThat(renamed.location()).isEqualTo(base + "/account/passkeys");
		TestBrowser.Page after = browser.get("/account/passkeys");
		assertThat(after.alerts()).contains("The passkey was renamed.");
		assertThat(passkeys.list(person.id())).extracting(Passkeys.Passkey::label)
			.containsExactlyInAnyOrder("Work laptop", "Other");
		assertThat(audit(person, "PASSKEY_RENAMED")).containsExactly("PASSKEY_RENAMED|USER|" + person.id() + "|Work laptop");
		assertThat(admin.call("GET", "/api/v1/users/" + person.id() + "/passkeys", null).body()).contains("Work laptop");
	}

	@Test
	void anEmptyOrTooLongNameIsRefusedWithAMessageAndNothingChanges() {
		Person person = person();
		TestBrowser browser = signedInWithSms(person);
		String id = storedPasskey(person, "Phone");

		for (String name : List.of("", "   ", "x".repeat(65))) {
			TestBrowser.Page answer = browser.submit(browser.get("/account/passkeys"),
					"/account/passkeys/" + id + "/rename", Map.of("name", name));
			assertThat(answer.status()).isEqualTo(303);
			assertThat(browser.get("/account/passkeys").alerts())
				.contains("The passkey was not renamed: give it a name of 1 to 64 characters.");
		}
		TestBrowser.Page longest = browser.submit(browser.get("/account/passkeys"),
				"/account/passkeys/" + id + "/rename", Map.of("name", "y".repeat(64)));
		assertThat(longest.status()).isEqualTo(303);
		assertThat(passkeys.list(person.id())).extracting(Passkeys.Passkey::label).containsExactly("y".repeat(64));
	}

	@Test
	void someoneElsesPasskeyCanNotBeRenamedAndTheRenameNeedsAFreshSignIn() {
		Person owner = person();
		String id = storedPasskey(owner, "Owner's key");
		Person other = person();
		TestBrowser otherBrowser = signedInWithSms(other);

		TestBrowser.Page attempt = otherBrowser.submit(otherBrowser.get("/account/passkeys"),
				"/account/passkeys/" + id + "/rename", Map.of("name", "Mine now"));
		assertThat(attempt.status()).isEqualTo(303);
		assertThat(otherBrowser.get("/account/passkeys").alerts()).doesNotContain("renamed");

		TestBrowser passwordOnly = new TestBrowser(base);
		passwordOnly.submit(passwordOnly.get("/login"), "/login",
				Map.of("username", owner.username(), "password", owner.password()));
		TestBrowser.Page stale = passwordOnly.submit(passwordOnly.get("/login"), "/account/passkeys/" + id + "/rename",
				Map.of("name", "Not fresh"));
		assertThat(stale.status()).isEqualTo(303);
		assertThat(passkeys.list(owner.id())).extracting(Passkeys.Passkey::label).containsExactly("Owner's key");
		assertThat(audit(owner, "PASSKEY_RENAMED")).isEmpty();
	}

	/** A passkey row as the registration would store it (the key itself is never used here). */
	private String storedPasskey(Person person, String label) {
		passkeys.ensureUserEntity(person.id(), person.username());
		Bytes id = Bytes.random();
		credentials.save(ImmutableCredentialRecord.builder()
			.credentialId(id)
			.userEntityUserId(passkeys.userHandle(person.id()))
			.credentialType(PublicKeyCredentialType.PUBLIC_KEY)
			.publicKey(new ImmutablePublicKeyCose(new byte[] { 1, 2, 3 }))
			.signatureCount(0)
			.uvInitialized(true)
			.transports(Set.of())
			.backupEligible(false)
			.backupState(false)
			.label(label)
			.created(Instant.now())
			.lastUsed(Instant.now())
			.build());
		return id.toBase64UrlString();
	}

	private List<String> audit(Person person, String type) {
		return jdbc
			.sql("SELECT event, actor_type, actor_id, details FROM audit_event WHERE user_id = :user AND event = :type ORDER BY id")
			.param("user", person.id())
			.param("type", type)
			.query((rs, row) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4))
			.list();
	}

	private TestBrowser signedInWithSms(Person person) {
		TestBrowser browser = new TestBrowser(base);
		assertThat(browser.submit(browser.get("/login"), "/login",
				Map.of("username", person.username(), "password", person.password())).status()).isEqualTo(303);
		assertThat(browser.submit(browser.get("/mfa/sms"), "/mfa/sms/send", Map.of()).status()).isEqualTo(200);
		assertThat(browser.submit(browser.get("/mfa/sms"), "/mfa/sms/verify",
				Map.of("code", admin.latestCode(person.phone()))).status()).isEqualTo(303);
		return browser;
	}

	private TestBrowser administrator() {
		String phone = newPhone();
		String username = "admin-" + UUID.randomUUID().toString().substring(0, 8);
		ManagementClient.Response created = admin.call("POST", "/api/v1/users", "{\"username\":\"" + username
				+ "\",\"password\":\"" + PASSWORD + "\",\"phoneNumber\":\"" + phone + "\",\"admin\":true}");
		assertThat(created.status()).isEqualTo(201);
		TestBrowser browser = new TestBrowser(base);
		browser.get("/console");
		browser.submit(browser.get("/login"), "/login", Map.of("username", username, "password", PASSWORD));
		browser.submit(browser.get("/mfa/sms"), "/mfa/sms/send", Map.of());
		browser.submit(browser.get("/mfa/sms"), "/mfa/sms/verify", Map.of("code", admin.latestCode(phone)));
		assertThat(browser.get("/console/users").status()).isEqualTo(200);
		return browser;
	}

	private static void assertProblem404(ManagementClient.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("status").asInt()).isEqualTo(404);
	}

}
