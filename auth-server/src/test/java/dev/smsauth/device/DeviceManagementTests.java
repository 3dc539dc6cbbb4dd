package dev.smsauth.device;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.smsauth.cleanup.CleanupJob;
import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's devices as people manage them: the management API (list, revoke, 404s, audit), the
 * user's own /account/devices page (CSRF, 303), the console's user page; every device revoked by a
 * password reset, a phone change (administrator's or the holder's), disabling; unused ones cleaned up.
 */
@AuthServerTest
@Import(DeviceTestEndpoints.class)
class DeviceManagementTests extends DeviceTestBase {

	private static final Pattern DEVICE_ID = Pattern.compile("data-device-id=\"([^\"]+)\"");

	@Autowired
	CleanupJob cleanup;

	@Test
	void theApiListsTheDevicesWithoutTokenAndRevokesOneAudited() {
		Person person = person();
		proven(signedIn(person), true, CHROME_ON_WINDOWS);
		TestBrowser other = signedIn(person);
		proven(other, false, FIREFOX_ON_LINUX);

		JsonNode list = devices(person);
		assertThat(list).hasSize(2);
		List<String> browsers = new ArrayList<>();
		list.forEach(d -> browsers.add(d.get("browser").asString() + "|" + d.get("remembered").asBoolean()));
		assertThat(browsers).containsExactlyInAnyOrder("Chrome on Windows|true", "Firefox on Linux|false");
		JsonNode first = list.get(0);
		assertThat(first.has("id")).isTrue();
		assertThat(first.get("ip").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
		assertThat(first.has("createdAt")).isTrue();
		assertThat(first.has("lastUsedAt")).isTrue();
		assertThat(first.has("lastSecondFactorAt")).isTrue();
		assertThat(list.toString()).doesNotContain("token").doesNotContain("hash");
		assertThat(events(person, "DEVICE_REMEMBERED")).containsExactly("DEVICE_REMEMBERED|Chrome on Windows");

		String firefox = idOf(list, "Firefox on Linux");
		assertThat(admin.call("DELETE", "/api/v1/users/" + person.id() + "/devices/" + firefox, null).status())
			.isEqualTo(204);
		assertThat(known(other)).isFalse();
		assertThat(devices(person)).hasSize(1);
		assertThat(events(person, "DEVICE_REVOKED")).containsExactly("DEVICE_REVOKED|Firefox on Linux, by an administrator");
	}

	@Test
	void theApiAnswersProblem404ForAnUnknownUserOrDeviceOrAnotherUsersDevice() {
		Person alice = person();
		Person bob = person();
		proven(signedIn(alice), true);
		String alicesDevice = devices(alice).get(0).get("id").asString();

		assertProblem404(admin.call("GET", "/api/v1/users/no-such-user/devices", null));
		assertProblem404(admin.call("DELETE", "/api/v1/users/no-such-user/devices/" + alicesDevice, null));
		assertProblem404(admin.call("DELETE", "/api/v1/users/" + alice.id() + "/devices/no-such-device", null));
		assertProblem404(admin.call("DELETE", "/api/v1/users/" + bob.id() + "/devices/" + alicesDevice, null));
		assertThat(rows(alice)).isEqualTo(1);
	}

	@Test
	void theAccountPageListsDevicesMarksThisOneAndIsLinkedFromTheAccountPage() {
		Person person = person();
		TestBrowser browser = signedIn(person);
		proven(browser, true, CHROME_ON_WINDOWS);
		proven(signedIn(person), false, FIREFOX_ON_LINUX);

		assertThat(browser.get("/account").body()).contains("href=\"/account/devices\"");
		TestBrowser.Page page = browser.get("/account/devices");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Chrome on Windows").contains("Firefox on Linux");
		assertThat(count(page.body(), "data-testid=\"this-device\"")).isEqualTo(1);
		assertThat(count(page.body(), "data-testid=\"remembered\"")).isEqualTo(1);
		assertThat(page.body().indexOf("this-device")).as("this device is the Chrome row")
			.isLessThan(page.body().indexOf("Firefox on Linux") < page.body().indexOf("Chrome on Windows")
					? Integer.MAX_VALUE : page.body().indexOf("Firefox on Linux"));

		TestBrowser.Page empty = signedIn(person()).get("/account/devices");
		assertThat(empty.body()).contains("data-testid=\"no-devices\"");
	}

	@Test
	void theUserRevokesAnotherDeviceWithCsrfAnd303AndItIsNoLongerKnown() {
		Person person = person();
		TestBrowser mine = signedIn(person);
		proven(mine, true, CHROME_ON_WINDOWS);
		TestBrowser lost = signedIn(person);
		proven(lost, true, FIREFOX_ON_LINUX);
		String lostId = idOf(devices(person), "Firefox on Linux");

		TestBrowser.Page page = mine.get("/account/devices");
		TestBrowser.Page noCsrf = mine.post("/account/devices/" + lostId + "/revoke", Map.of());
		assertThat(noCsrf.status()).isEqualTo(403);
		assertThat(rows(person)).isEqualTo(2);

		TestBrowser.Page revoked = mine.submit(page, "/account/devices/" + lostId + "/revoke", Map.of());
		assertThat(revoked.status()).isEqualTo(303);
		assertThat(revoked.location()).isEqualTo(base + "/account/devices");
		assertThat(mine.get("/account/devices").alerts()).isEqualTo("The device was revoked.");
		assertThat(known(lost)).isFalse();
		assertThat(known(mine)).isTrue();
		assertThat(events(person, "DEVICE_REVOKED")).containsExactly("DEVICE_REVOKED|Firefox on Linux, by the user");
	}

	@Test
	void theUserCanNotRevokeAnotherUsersDevice() {
		Person alice = person();
		Person mallory = person();
		proven(signedIn(alice), true);
		String alicesDevice = devices(alice).get(0).get("id").asString();
		TestBrowser browser = signedIn(mallory);
		proven(browser, false);
		TestBrowser.Page page = browser.get("/account/devices");

		TestBrowser.Page answer = browser.submit(page, "/account/devices/" + alicesDevice + "/revoke", Map.of());
		assertThat(answer.status()).isEqualTo(303);
		assertThat(browser.get("/account/devices").alerts()).isEqualTo("That device is not on your list any more.");
		assertThat(rows(alice)).isEqualTo(1);
	}

	@Test
	void theUserRevokesAllOtherDevicesAndKeepsThisOne() {
		Person person = person();
		TestBrowser mine = signedIn(person);
		proven(mine, true);
		TestBrowser second = signedIn(person);
		proven(second, true);
		TestBrowser third = signedIn(person);
		proven(third, false);
		TestBrowser.Page page = mine.get("/account/devices");
		assertThat(page.body()).contains("Revoke all other devices");

		TestBrowser.Page answer = mine.submit(page, "/account/devices/revoke-others", Map.of());
		assertThat(answer.status()).isEqualTo(303);
		assertThat(answer.location()).isEqualTo(base + "/account/devices");
		assertThat(known(mine)).isTrue();
		assertThat(known(second)).isFalse();
		assertThat(known(third)).isFalse();
		assertThat(rows(person)).isEqualTo(1);
		List<String> ids = ids(mine.get("/account/devices").body());
		assertThat(ids).hasSize(1);
	}

	@Test
	void theConsoleUserPageListsDevicesAndAnAdministratorRevokesOne() {
		Person person = person();
		TestBrowser browser = signedIn(person);
		proven(browser, true, FIREFOX_ON_LINUX);
		TestBrowser console = administrator();

		TestBrowser.Page page = console.get("/console/users/" + person.id());
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Firefox on Linux").contains("<h2 id=\"devices-heading\">Devices</h2>");
		String id = ids(page.body()).get(0);

		TestBrowser.Page revoked = console.submit(page, "/console/users/" + person.id() + "/devices/" + id + "/revoke",
				Map.of());
		assertThat(revoked.status()).isEqualTo(303);
		assertThat(revoked.location()).isEqualTo(base + "/console/users/" + person.id());
		assertThat(console.get("/console/users/" + person.id()).body()).contains("data-testid=\"no-devices\"");
		assertThat(known(browser)).isFalse();
		assertThat(events(person, "DEVICE_REVOKED")).containsExactly("DEVICE_REVOKED|Firefox on Linux, by an administrator");

		TestBrowser.Page unknown = console.submit(page,
				"/console/users/" + person.id() + "/devices/no-such-device/revoke", Map.of());
		assertThat(unknown.status()).isEqualTo(404);
	}

	@Test
	void aPasswordResetRevokesEveryDevice() {
		assertAccountChangeRevokesAll("{\"password\":\"another-good-password\"}", "PASSWORD_RESET");
	}

	@Test
	void disablingRevokesEveryDevice() {
		assertAccountChangeRevokesAll("{\"enabled\":false}", "DISABLED");
	}

	@Test
	void anAdministratorsPhoneChangeRevokesEveryDevice() {
		assertAccountChangeRevokesAll("{\"phoneNumber\":\"" + newPhone() + "\"}", "PHONE_NUMBER_CHANGED");
	}

	@Test
	void aProfileChangeLeavesDevicesAlone() {
		Person person = person();
		TestBrowser browser = signedIn(person);
		proven(browser, true);
		assertThat(admin.call("PATCH", "/api/v1/users/" + person.id(), "{\"email\":\"someone@example.com\"}").status())
			.isEqualTo(200);
		assertThat(rows(person)).isEqualTo(1);
		assertThat(remembered(browser, 30)).isTrue();
	}

	@Test
	void theHoldersOwnPhoneChangeRevokesEveryDevice() {
		Person person = person();
		App app = app(true);
		dev.smsauth.mfa.Visitor visitor = atSmsStep(app, person);
		passSms(visitor, person.phone());
		clock.advance(Duration.ofSeconds(61));
		TestBrowser browser = visitor.browser();
		proven(browser, true);
		proven(signedIn(person), true);
		assertThat(rows(person)).isEqualTo(2);

		String replacement = newPhone();
		TestBrowser.Page page = browser.get("/account/phone");
		assertThat(browser.submit(page, "/account/phone/send", Map.of("phoneNumber", replacement)).status())
			.isEqualTo(303);
		TestBrowser.Page verified = browser.submit(browser.get("/account/phone"), "/account/phone/verify",
				Map.of("code", admin.latestCode(replacement)));
		assertThat(verified.status()).isEqualTo(303);
		assertThat(admin.call("GET", "/api/v1/users/" + person.id(), null).json().get("phoneNumber").asString())
			.isEqualTo(replacement);

		assertThat(rows(person)).isZero();
		assertThat(known(browser)).isFalse();
		assertThat(events(person, "DEVICE_REVOKED"))
			.containsExactly("DEVICE_REVOKED|all 2 device(s), phone number changed by the holder");
	}

	@Test
	void theCleanUpForgetsDevicesUnusedForMoreThan400Days() {
		Person person = person();
		proven(signedIn(person), true);
		clock.advance(Duration.ofDays(300));
		TestBrowser recent = signedIn(person);
		proven(recent, false);
		clock.advance(Duration.ofDays(101));

		assertThat(cleanup.run().devices()).isGreaterThanOrEqualTo(1);
		assertThat(rows(person)).isEqualTo(1);
		assertThat(known(recent)).isTrue();
	}

	private void assertAccountChangeRevokesAll(String patch, String reason) {
		Person person = person();
		TestBrowser one = signedIn(person);
		proven(one, true);
		proven(signedIn(person), false);
		assertThat(rows(person)).isEqualTo(2);

		ManagementClient.Response response = admin.call("PATCH", "/api/v1/users/" + person.id(), patch);
		assertThat(response.status()).as(response.body()).isEqualTo(200);

		assertThat(rows(person)).isZero();
		assertThat(events(person, "DEVICE_REVOKED")).singleElement().asString().contains(reason).contains("all 2");
		if (!reason.equals("DISABLED")) {
			// Signed out by the change (SessionsAndGrantsRevocation); signing in again finds nothing.
			assertThat(known(signIn(one, reason.equals("PASSWORD_RESET")
					? new Person(person.id(), person.username(), person.phone(), "another-good-password") : person)))
				.isFalse();
		}
	}

	private TestBrowser administrator() {
		String phone = newPhone();
		String username = "admin-" + java.util.UUID.randomUUID().toString().substring(0, 8);
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

	private static String idOf(JsonNode list, String browser) {
		for (JsonNode device : list) {
			if (device.get("browser").asString().equals(browser)) {
				return device.get("id").asString();
			}
		}
		throw new AssertionError("no " + browser + " in " + list);
	}

	private static List<String> ids(String body) {
		List<String> ids = new ArrayList<>();
		Matcher m = DEVICE_ID.matcher(body);
		while (m.find()) {
			ids.add(m.group(1));
		}
		return ids;
	}

	private static int count(String body, String needle) {
		return body.split(Pattern.quote(needle), -1).length - 1;
	}

}
