package dev.smsauth.console;

import java.util.Map;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.MutableClock;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console over real HTTP: who may enter, that it needs the SMS step, and that its forms use
 * the service layer's rules (same validation as the API), CSRF, and confirmation for deletes.
 */
@AuthServerTest
class ConsoleTests {

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	String base;

	ManagementClient api;

	@BeforeEach
	void setUp() {
		clock.reset();
		base = "http://localhost:" + port;
		api = new ManagementClient(base);
	}

	@Test
	void whenAnonymousThenSignInPage() {
		TestBrowser browser = new TestBrowser(base);
		TestBrowser.Page page = browser.get("/console/applications");
		assertThat(page.status()).isEqualTo(302);
		assertThat(page.location()).isEqualTo(base + "/login");
	}

	@Test
	void whenSignedInUserIsNotAdministratorThen403EvenAfterSms() {
		api.createUser("plain-user", "+14155550301", "plain-password-1");
		TestBrowser browser = new TestBrowser(base);
		signInWithSms(browser, "plain-user", "plain-password-1", "+14155550301");
		assertThat(browser.get("/console/applications").status()).isEqualTo(403);
	}

	@Test
	void whenAdministratorHasOnlyThePasswordThenSentToSmsStepAndBackToTheConsole() {
		createAdmin("admin-two", "+14155550302");
		TestBrowser browser = new TestBrowser(base);
		TestBrowser.Page afterPassword = signIn(browser, "admin-two", "admin-two-password");
		assertThat(afterPassword.location()).isEqualTo(base + "/console?continue");
		TestBrowser.Page toSms = browser.next(afterPassword);
		assertThat(toSms.location()).startsWith(base + "/mfa/sms");
		TestBrowser.Page sms = browser.get("/mfa/sms");
		browser.submit(sms, "/mfa/sms/send", Map.of());
		TestBrowser.Page verified = browser.submit(browser.get("/mfa/sms"), "/mfa/sms/verify",
				Map.of("code", api.latestCode("+14155550302")));
		assertThat(verified.location()).startsWith(base + "/console");
		assertThat(browser.follow(verified).body()).contains("<h1>Applications</h1>");
	}

	@Test
	void whenApplicationFormInvalidThenSameRulesAsTheApiNamedUnderTheField() {
		TestBrowser browser = administrator("admin-three", "+14155550303");
		TestBrowser.Page form = browser.get("/console/applications/new");
		TestBrowser.Page answer = browser.submit(form, "/console/applications",
				Map.of("name", "Bad", "redirectUris", "http://evil.example.com/cb", "scopes", "openid", "grantTypes",
						"authorization_code", "type", "confidential"));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("must use https (http is allowed only for localhost)")
			.contains("id=\"redirectUris-error\"");
		assertThat(api.call("GET", "/api/v1/applications?limit=200", null).body()).doesNotContain("\"Bad\"");
	}

	@Test
	void whenApplicationCreatedThenSecretShownOnceNotStoredInTheSessionAndMfaSwitchWorks() {
		TestBrowser browser = administrator("admin-four", "+14155550304");
		TestBrowser.Page created = browser.submit(browser.get("/console/applications/new"), "/console/applications",
				Map.of("name", "Console made", "redirectUris", "https://made.example.com/cb", "scopes", "openid",
						"grantTypes", "authorization_code", "type", "confidential", "smsMfa", "true"));
		assertThat(created.status()).isEqualTo(200);
		assertThat(created.header("Cache-Control")).contains("no-store");
		String clientId = created.find("data-testid=\"client-id\">([^<]+)<");
		String secret = created.find("data-testid=\"client-secret\">([^<]+)<");
		assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
		// Not in any session row, and not on the application's pages afterwards.
		assertThat(jdbc.queryForList("SELECT ATTRIBUTE_BYTES FROM SPRING_SESSION_ATTRIBUTES", byte[].class))
			.noneMatch(bytes -> new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret));
		assertThat(browser.get("/console/applications/" + clientId + "?tab=credentials").body()).doesNotContain(secret);

		JsonNode before = api.call("GET", "/api/v1/applications/" + clientId, null).json();
		assertThat(before.get("mfa").get("sms").asBoolean()).isTrue();
		TestBrowser.Page mfaTab = browser.get("/console/applications/" + clientId + "?tab=mfa");
		TestBrowser.Page off = browser.submit(mfaTab, "/console/applications/" + clientId + "/mfa", Map.of());
		assertThat(off.status()).isEqualTo(303);
		assertThat(api.call("GET", "/api/v1/applications/" + clientId, null).json().get("mfa").get("sms").asBoolean())
			.isFalse();
		assertThat(browser.get(off.location()).alerts()).contains("SMS verification code is now off");
	}

	@Test
	void whenApplicationCreatedWithReferenceTokensThenDetailsAndApiSayReferenceAndSettingsSwitchItBackToJwt() {
		TestBrowser browser = administrator("admin-nine", "+14155550309");
		TestBrowser.Page form = browser.get("/console/applications/new");
		assertThat(form.body()).contains("<label for=\"accessTokenFormat\">Access token format</label>")
			.contains("<option value=\"jwt\" selected=\"selected\">JWT</option>")
			.contains("<option value=\"reference\">Reference</option>");
		TestBrowser.Page created = browser.submit(form, "/console/applications",
				Map.of("name", "Opaque console app", "scopes", "reports", "grantTypes", "client_credentials", "type",
						"confidential", "accessTokenFormat", "reference"));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		String clientId = created.find("data-testid=\"client-id\">([^<]+)<");
		assertThat(api.call("GET", "/api/v1/applications/" + clientId, null).json().get("accessTokenFormat").asString())
			.isEqualTo("reference");
		assertThat(browser.get("/console/applications/" + clientId).find("data-testid=\"access-token-format\">([^<]+)<"))
			.startsWith("Reference");

		TestBrowser.Page settings = browser.get("/console/applications/" + clientId + "?tab=settings");
		assertThat(settings.body()).contains("<option value=\"reference\" selected=\"selected\">Reference</option>");
		TestBrowser.Page saved = browser.submit(settings, "/console/applications/" + clientId + "/settings",
				Map.of("name", "Opaque console app", "scopes", "reports", "grantTypes", "client_credentials",
						"accessTokenFormat", "jwt"));
		assertThat(saved.status()).isEqualTo(303);
		assertThat(api.call("GET", "/api/v1/applications/" + clientId, null).json().get("accessTokenFormat").asString())
			.isEqualTo("jwt");
		assertThat(browser.get("/console/applications/" + clientId).find("data-testid=\"access-token-format\">([^<]+)<"))
			.startsWith("JWT");

		TestBrowser.Page refused = browser.submit(browser.get("/console/applications/" + clientId + "?tab=settings"),
				"/console/applications/" + clientId + "/settings", Map.of("name", "Opaque console app", "scopes",
						"reports", "grantTypes", "client_credentials", "accessTokenFormat", "opaque"));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("id=\"accessTokenFormat-error\"").contains("use jwt or reference");
	}

	@Test
	void whenTheSettingsTabSetsAMonthlySmsBudgetThenTheApiHasItAndEmptyRemovesItAndBadInputIsNamed() {
		TestBrowser browser = administrator("admin-budget", "+14155550311");
		TestBrowser.Page created = browser.submit(browser.get("/console/applications/new"), "/console/applications",
				Map.of("name", "Budget console app", "scopes", "reports", "grantTypes", "client_credentials", "type",
						"confidential", "smsMonthlyBudget", "500"));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		String clientId = created.find("data-testid=\"client-id\">([^<]+)<");
		assertThat(api.call("GET", "/api/v1/applications/" + clientId, null).json().get("smsMonthlyBudget").asInt())
			.isEqualTo(500);
		String settingsUrl = "/console/applications/" + clientId + "?tab=settings";
		String action = "/console/applications/" + clientId + "/settings";
		Map<String, String> fields = new java.util.HashMap<>(Map.of("name", "Budget console app", "scopes", "reports",
				"grantTypes", "client_credentials"));

		TestBrowser.Page settings = browser.get(settingsUrl);
		assertThat(settings.body()).contains("<label for=\"smsMonthlyBudget\">Monthly SMS budget</label>")
			.contains("value=\"500\"");
		fields.put("smsMonthlyBudget", " 25 ");
		assertThat(browser.submit(settings, action, fields).status()).isEqualTo(303);
		assertThat(api.call("GET", "/api/v1/applications/" + clientId, null).json().get("smsMonthlyBudget").asInt())
			.isEqualTo(25);

		for (String bad : new String[] { "lots", "-1", "10000001", "99999999999" }) {
			fields.put("smsMonthlyBudget", bad);
			TestBrowser.Page refused = browser.submit(browser.get(settingsUrl), action, fields);
			assertThat(refused.status()).as(bad).isEqualTo(400);
			assertThat(refused.body()).as(bad).contains("id=\"smsMonthlyBudget-error\"");
		}
		assertThat(api.call("GET", "/api/v1/applications/" + clientId, null).json().get("smsMonthlyBudget").asInt())
			.as("unchanged by refused posts")
			.isEqualTo(25);

		fields.put("smsMonthlyBudget", "");
		assertThat(browser.submit(browser.get(settingsUrl), action, fields).status()).isEqualTo(303);
		assertThat(api.call("GET", "/api/v1/applications/" + clientId, null).json().get("smsMonthlyBudget").isNull())
			.as("empty: no budget")
			.isTrue();
	}

	@Test
	void whenFormPostedWithoutCsrfTokenThen403AndNothingChanged() {
		TestBrowser browser = administrator("admin-five", "+14155550305");
		JsonNode victim = api.createUser("csrf-victim", null, "victim-password-1");
		TestBrowser.Page answer = browser.post("/console/users/" + victim.get("id").asString() + "/delete", Map.of());
		assertThat(answer.status()).isEqualTo(403);
		assertThat(api.call("GET", "/api/v1/users/" + victim.get("id").asString(), null).status()).isEqualTo(200);
	}

	@Test
	void whenDeletingAUserThenConfirmationFirstThenGone() {
		TestBrowser browser = administrator("admin-six", "+14155550306");
		String id = api.createUser("to-delete", null, "delete-password-1").get("id").asString();
		TestBrowser.Page confirm = browser.get("/console/users/" + id + "/delete");
		assertThat(confirm.body()).contains("Delete to-delete?").contains(">Delete user<");
		assertThat(api.call("GET", "/api/v1/users/" + id, null).status()).isEqualTo(200);
		TestBrowser.Page deleted = browser.submit(confirm, "/console/users/" + id + "/delete", Map.of());
		assertThat(deleted.location()).isEqualTo(base + "/console/users");
		assertThat(api.call("GET", "/api/v1/users/" + id, null).status()).isEqualTo(404);
	}

	@Test
	void whenAdministratorTriesToDisableThemselvesThenRefused() {
		TestBrowser browser = administrator("admin-seven", "+14155550307");
		// By the database: the shared test server holds more users than one page of the API.
		String id = jdbc.queryForObject("SELECT id FROM user_account WHERE username = 'admin-seven'", String.class);
		TestBrowser.Page page = browser.get("/console/users/" + id);
		TestBrowser.Page answer = browser.submit(page, "/console/users/" + id + "/disable", Map.of());
		assertThat(browser.get(answer.location()).alerts()).contains("You can not disable your own account.");
		assertThat(api.call("GET", "/api/v1/users/" + id, null).json().get("enabled").asBoolean()).isTrue();
	}

	@Test
	void whenSearchingUsersThenMatchesByUsernameEmailOrPhoneAndWildcardsAreLiteral() {
		TestBrowser browser = administrator("admin-eight", "+14155550308");
		api.createUser("search_me", "+14155550399", "search-password-1");
		api.createUser("searchXme", null, "search-password-1");
		assertThat(browser.get("/console/users?q=search_me").body()).contains(">search_me<").doesNotContain(">searchxme<");
		assertThat(browser.get("/console/users?q=0399").body()).contains(">search_me<");
		assertThat(browser.get("/console/users?q=no-such-person").body()).contains("No user matches");
	}

	@Test
	void whenTheAdministratorRoleIsRemovedThenTheOpenConsoleSessionEndsAtOnce() {
		TestBrowser browser = administrator("admin-demoted", "+14155550331");
		assertThat(browser.get("/console/users").status()).isEqualTo(200);
		String id = jdbc.queryForObject("SELECT id FROM user_account WHERE username = 'admin-demoted'", String.class);

		assertThat(api.call("PATCH", "/api/v1/users/" + id, "{\"admin\":false}").status()).isEqualTo(200);

		TestBrowser.Page next = browser.get("/console/users");
		assertThat(next.status()).isEqualTo(302);
		assertThat(next.location()).isEqualTo(base + "/login");
	}

	@Test
	void whenTheAdministratorFlagIsGoneFromTheAccountThenTheNextConsoleRequestIs403WhateverTheSessionSays() {
		TestBrowser browser = administrator("admin-stale-role", "+14155550332");
		assertThat(browser.get("/console/users").status()).isEqualTo(200);

		// Behind the service's back, so the session survives with ROLE_ADMIN still in it: the console
		// must read the account, not the role remembered at sign-in.
		jdbc.update("UPDATE user_account SET admin = FALSE WHERE username = 'admin-stale-role'");

		assertThat(browser.get("/console/users").status()).isEqualTo(403);
		assertThat(browser.get("/console/applications").status()).isEqualTo(403);
	}

	@Test
	void whenAnAdministratorResetsTheirOwnPasswordThenTheirSessionsEndToo() {
		TestBrowser browser = administrator("admin-self-reset", "+14155550333");
		String id = jdbc.queryForObject("SELECT id FROM user_account WHERE username = 'admin-self-reset'", String.class);
		TestBrowser.Page page = browser.get("/console/users/" + id);

		TestBrowser.Page answer = browser.submit(page, "/console/users/" + id + "/password",
				Map.of("newPassword", "admin-self-reset-new-password"));

		// The session this very request runs in is gone: a redirect, never a 5xx.
		assertThat(answer.status()).isEqualTo(303);
		TestBrowser.Page next = browser.get("/console/users");
		assertThat(next.status()).isEqualTo(302);
		assertThat(next.location()).isEqualTo(base + "/login");
	}

	@Test
	void whenThePolicyFormIsSavedThenTheApiAnswersItAndTheTabSummarisesIt() {
		TestBrowser browser = administrator("admin-policy", "+14155550391");
		String clientId = api.createApplication("{\"name\":\"Payroll\",\"redirectUris\":[\"https://payroll.example.com/cb\"],"
				+ "\"mfa\":{\"sms\":true}}").get("clientId").asString();
		TestBrowser.Page tab = browser.get("/console/applications/" + clientId + "?tab=mfa");
		assertThat(tab.body()).contains("<label for=\"sms\">SMS verification code</label>")
			.contains("Asks for an SMS code or authenticator code at every sign-in.");

		TestBrowser.Page saved = browser.post("/console/applications/" + clientId + "/mfa",
				Map.of("_csrf", tab.csrf(), "policyForm", "true", "sms", "true", "required", "new-device", "factors",
						"sms", "reauthenticateAfterHours", "8", "rememberDeviceDays", "30", "enrollment", "at-sign-in"));

		assertThat(saved.status()).isEqualTo(303);
		JsonNode mfa = api.call("GET", "/api/v1/applications/" + clientId, null).json().get("mfa");
		assertThat(mfa.get("required").asString()).isEqualTo("new-device");
		assertThat(mfa.get("reauthenticateAfter").asString()).isEqualTo("PT8H");
		assertThat(mfa.get("rememberDeviceDays").asInt()).isEqualTo(30);
		assertThat(browser.get(saved.location()).body())
			.contains("Asks for an SMS code on a new device, then every 8 hours; remembers a device for 30 days.");
	}

	@Test
	void whenThePolicyFormHasNoFactorOrBadDaysThen400NamingThemAndNothingChanges() {
		TestBrowser browser = administrator("admin-policy-bad", "+14155550392");
		String clientId = api.createApplication("{\"name\":\"Wiki\",\"redirectUris\":[\"https://wiki.example.com/cb\"],"
				+ "\"mfa\":{\"sms\":true}}").get("clientId").asString();
		TestBrowser.Page tab = browser.get("/console/applications/" + clientId + "?tab=mfa");

		TestBrowser.Page refused = browser.post("/console/applications/" + clientId + "/mfa",
				Map.of("_csrf", tab.csrf(), "policyForm", "true", "sms", "true", "required", "always",
						"rememberDeviceDays", "400", "enrollment", "at-sign-in"));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("Please correct the highlighted fields.");
		assertThat(api.call("GET", "/api/v1/applications/" + clientId, null).json().get("mfa").get("rememberDeviceDays")
			.asInt()).isZero();
	}

	@Test
	void whenAnAdministratorHasNoSecondFactorThenTheConsoleSaysAskYourAdministratorAndSendsNoCode() {
		ManagementClient.Response response = api.call("POST", "/api/v1/users",
				"{\"username\":\"admin-nofactor\",\"password\":\"admin-nofactor-password\",\"admin\":true}");
		assertThat(response.status()).isEqualTo(201);
		TestBrowser browser = new TestBrowser(base);
		signIn(browser, "admin-nofactor", "admin-nofactor-password");

		TestBrowser.Page page = browser.get("/mfa/sms");
		assertThat(page.body()).contains("Ask your administrator");
		browser.submit(page, "/mfa/sms/send", Map.of("phoneNumber", "+14155550393"));
		assertThat(api.outbox("+14155550393")).isEmpty();
		assertThat(browser.get("/console").status()).isEqualTo(302);
	}

	private TestBrowser administrator(String username, String phone) {
		createAdmin(username, phone);
		TestBrowser browser = new TestBrowser(base);
		signInWithSms(browser, username, username + "-password", phone);
		return browser;
	}

	private void createAdmin(String username, String phone) {
		ManagementClient.Response response = api.call("POST", "/api/v1/users", "{\"username\":\"" + username
				+ "\",\"password\":\"" + username + "-password\",\"phoneNumber\":\"" + phone + "\",\"admin\":true}");
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().get("admin").asBoolean()).isTrue();
	}

	private TestBrowser.Page signIn(TestBrowser browser, String username, String password) {
		browser.get("/console");
		return browser.submit(browser.get("/login"), "/login", Map.of("username", username, "password", password));
	}

	private void signInWithSms(TestBrowser browser, String username, String password, String phone) {
		signIn(browser, username, password);
		browser.submit(browser.get("/mfa/sms"), "/mfa/sms/send", Map.of());
		browser.submit(browser.get("/mfa/sms"), "/mfa/sms/verify", Map.of("code", api.latestCode(phone)));
	}

}
