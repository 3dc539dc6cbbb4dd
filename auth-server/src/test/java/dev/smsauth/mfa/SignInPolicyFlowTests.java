package dev.smsauth.mfa;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each application's sign-in policy as a person meets it through the real pages, with the real
 * device store ({@code device.RememberedDevices}: cookie and table) and the movable clock: every
 * {@code required} value, {@code reauthenticateAfter}, remembered devices, {@code acr_values}
 * step-up, administrator-only enrollment, and the payroll/wiki example of single sign-on across
 * two applications with different policies. The ID token says what happened each time.
 */
@AuthServerTest
class SignInPolicyFlowTests extends MfaTestBase {

	private App policyApp(String mfa) {
		JsonNode json = admin.createApplication("{\"name\":\"Policy " + UUID.randomUUID().toString().substring(0, 8)
				+ "\",\"redirectUris\":[\"" + REDIRECT + "\"],\"scopes\":[\"openid\",\"profile\",\"phone\"],\"mfa\":"
				+ mfa + "}");
		return new App(json.get("clientId").asString(), json.get("clientSecret").asString());
	}

	/**
	 * Authorize, sign in with the password, and return where that leads: the factor page when the
	 * password's answer names one (303), else what the authorization endpoint answers for the waiting
	 * request, which the password's answer is (resumed in place).
	 */
	private TestBrowser.Page afterPassword(Visitor visitor, Person person, Map<String, String> extra) {
		TestBrowser.Page start = visitor.authorize(extra);
		assertThat(start.isSignInPage()).isTrue();
		TestBrowser.Page password = visitor.signIn(person.username(), person.password());
		assertThat(password.status()).isEqualTo(303);
		return password;
	}

	private TestBrowser.Page afterPassword(Visitor visitor, Person person) {
		return afterPassword(visitor, person, Map.of());
	}

	/** Send code, type it (ticking "Remember this device" when asked to), and follow back to the endpoint. */
	private TestBrowser.Page passSms(Visitor visitor, Person person, boolean remember) {
		assertThat(visitor.sendCode().status()).isEqualTo(200);
		TestBrowser.Page page = visitor.browser().get("/mfa/sms");
		if (remember) {
			assertThat(page.body()).contains("<label for=\"remember\">Remember this device</label>");
		}
		Map<String, String> fields = remember ? Map.of("code", admin.latestCode(person.phone()), "remember", "true")
				: Map.of("code", admin.latestCode(person.phone()));
		TestBrowser.Page verified = visitor.browser().submit(page, "/mfa/sms/verify", fields);
		assertThat(verified.status()).isEqualTo(303);
		assertThat(verified.location()).startsWith(REDIRECT + "?code=");
		return verified;
	}

	private void signOut(Visitor visitor) {
		TestBrowser.Page home = visitor.get("/");
		visitor.browser().submit(home, "/logout", Map.of());
	}

	private static void assertCode(TestBrowser.Page page) {
		assertThat(page.location()).as("answer of the authorization endpoint").startsWith(REDIRECT);
		assertThat(SignInFlow.codeIn(page)).isNotNull();
	}

	/** The SMS step: named by the password's answer (303) or by the authorization endpoint (302). */
	private void assertSmsStep(TestBrowser.Page page) {
		assertThat(page.status()).isIn(302, 303);
		assertThat(page.location()).matches(smsStep());
	}

	private static List<String> amr(JsonNode idToken) {
		return idToken.get("amr").values().stream().map(JsonNode::asString).toList();
	}

	private void assertPasswordLevel(Visitor visitor, TestBrowser.Page code, App app) {
		JsonNode idToken = visitor.idToken(code, app.secret());
		assertThat(amr(idToken)).containsExactly("pwd");
		assertThat(idToken.get("acr").asString()).isEqualTo(Factors.ACR_PASSWORD);
	}

	private void assertMfaLevel(Visitor visitor, TestBrowser.Page code, App app) {
		JsonNode idToken = visitor.idToken(code, app.secret());
		assertThat(amr(idToken)).containsExactly("pwd", "sms", "mfa");
		assertThat(idToken.get("acr").asString()).isEqualTo(Factors.ACR_MFA);
	}

	@Test
	void whenRequiredIsNeverThenNoSecondFactorAndThePasswordLevel() {
		App app = policyApp("{\"required\":\"never\"}");
		Person person = person();
		Visitor visitor = visitor(app);

		TestBrowser.Page code = afterPassword(visitor, person);

		assertCode(code);
		assertPasswordLevel(visitor, code, app);
		assertThat(outboxSize(person.phone())).isZero();
	}

	@Test
	void whenRequiredIsNeverButTheRelyingPartyAsksForTheMfaLevelThenTheFactorIsForced() {
		App app = policyApp("{\"required\":\"never\"}");
		Person person = person();
		Visitor visitor = visitor(app);

		TestBrowser.Page sms = afterPassword(visitor, person, Map.of("acr_values", Factors.ACR_MFA));
		assertSmsStep(sms);
		TestBrowser.Page code = passSms(visitor, person, false);

		assertCode(code);
		assertMfaLevel(visitor, code, app);
	}

	@Test
	void whenRequiredIsAlwaysThenEverySignInInEveryBrowserProvesTheFactor() {
		App app = policyApp("{\"required\":\"always\",\"factors\":[\"sms\",\"totp\"]}");
		Person person = person();
		Visitor visitor = visitor(app);
		assertSmsStep(afterPassword(visitor, person));
		TestBrowser.Page code = passSms(visitor, person, false);
		assertMfaLevel(visitor, code, app);

		// A known browser is not enough for "always": a new sign-in here is asked again.
		signOut(visitor);
		clock.advance(Duration.ofMinutes(2)); // past the resend cooldown of the first code
		assertSmsStep(afterPassword(visitor, person));
		// The page offers no "Remember this device" where the application does not allow it.
		visitor.sendCode();
		assertThat(visitor.smsPage().body()).contains("Verification code").doesNotContain("Remember this device");
	}

	@Test
	void whenRequiredIsNewDeviceThenOnlyABrowserThatNeverProvedAFactorIsAsked() {
		App app = policyApp("{\"required\":\"new-device\"}");
		Person person = person();
		Visitor laptop = visitor(app);
		assertSmsStep(afterPassword(laptop, person));
		assertMfaLevel(laptop, passSms(laptop, person, false), app);

		// The same browser later: known, so the password is enough, and the token says so.
		signOut(laptop);
		TestBrowser.Page code = afterPassword(laptop, person);
		assertCode(code);
		assertPasswordLevel(laptop, code, app);

		// Another browser is new; a browser known for someone else is new for this person.
		assertSmsStep(afterPassword(visitor(app), person));
		signOut(laptop);
		assertSmsStep(afterPassword(laptop, person()));
	}

	@Test
	void whenRememberDeviceDaysIsSetThenATickedBrowserSkipsTheFactorWithinThoseDaysOnly() {
		App app = policyApp("{\"required\":\"always\",\"rememberDeviceDays\":30}");
		Person person = person();
		Visitor visitor = visitor(app);
		assertSmsStep(afterPassword(visitor, person));
		assertMfaLevel(visitor, passSms(visitor, person, true), app);

		// Within 30 days: skipped, and the token is truthful about it: password level, no mfa.
		signOut(visitor);
		clock.advance(Duration.ofDays(29));
		TestBrowser.Page code = afterPassword(visitor, person);
		assertCode(code);
		assertPasswordLevel(visitor, code, app);

		// acr_values for the MFA level always forces the factor, remembered or not.
		signOut(visitor);
		assertSmsStep(afterPassword(visitor, person, Map.of("acr_values", Factors.ACR_MFA)));

		// After 30 days since the last factor here: asked again.
		signOut(visitor);
		clock.advance(Duration.ofDays(2));
		assertSmsStep(afterPassword(visitor, person));
	}

	@Test
	void whenTheBoxIsNotTickedThenTheBrowserIsNotRemembered() {
		App app = policyApp("{\"required\":\"always\",\"rememberDeviceDays\":30}");
		Person person = person();
		Visitor visitor = visitor(app);
		assertSmsStep(afterPassword(visitor, person));
		passSms(visitor, person, false);

		signOut(visitor);
		assertSmsStep(afterPassword(visitor, person));
	}

	@Test
	void whenReauthenticateAfterIsPT8HThenTheSessionServesUntilThenAndAsksForPasswordAndFactorAfter() {
		App app = policyApp("{\"required\":\"always\",\"reauthenticateAfter\":\"PT8H\"}");
		Person person = person();
		Visitor visitor = visitor(app);
		assertSmsStep(afterPassword(visitor, person));
		passSms(visitor, person, false);

		clock.advance(Duration.ofHours(7).plusMinutes(59));
		TestBrowser.Page stillFresh = visitor.authorize();
		assertCode(stillFresh);
		assertMfaLevel(visitor, stillFresh, app);

		// 8h01m: the password is too old for this application (its max_age), and so is the factor.
		clock.advance(Duration.ofMinutes(2));
		TestBrowser.Page tooOld = visitor.follow(visitor.authorize());
		// Signed out and the request replayed: its answer is the sign-in page.
		assertThat(tooOld.isSignInPage()).isTrue();
		assertThat(visitor.hops().get(visitor.hops().size() - 2).location()).startsWith(base + "/oauth2/authorize?");
		TestBrowser.Page password = visitor.signIn(person.username(), person.password());
		assertSmsStep(password);
		assertMfaLevel(visitor, passSms(visitor, person, false), app);
	}

	@Test
	void whenPayrollAlwaysPT8HAndWikiNewDeviceThenEachAsksByItsOwnPolicyInOneSession() {
		App payroll = policyApp("{\"required\":\"always\",\"factors\":[\"sms\",\"totp\"],\"reauthenticateAfter\":\"PT8H\"}");
		App wiki = policyApp("{\"required\":\"new-device\",\"factors\":[\"sms\",\"totp\"],\"rememberDeviceDays\":30}");
		Person person = person();

		// First visit to the wiki on this laptop: a new device, so the factor; the laptop is known then.
		Visitor wikiVisit = visitor(wiki);
		assertSmsStep(afterPassword(wikiVisit, person));
		passSms(wikiVisit, person, true);

		// Next day, a new session: the wiki trusts the known laptop, the password is enough ...
		signOut(wikiVisit);
		clock.advance(Duration.ofDays(1));
		TestBrowser.Page wikiCode = afterPassword(wikiVisit, person);
		assertCode(wikiCode);
		assertPasswordLevel(wikiVisit, wikiCode, wiki);
		// ... but payroll, in the same single sign-on session, still asks for the factor.
		Visitor payrollVisit = wikiVisit.to(payroll.clientId(), REDIRECT);
		assertSmsStep(payrollVisit.authorize());
		TestBrowser.Page payrollCode = passSms(payrollVisit, person, false);
		assertMfaLevel(payrollVisit, payrollCode, payroll);

		// Nine hours on: payroll asks for the password and the factor again; the wiki does not.
		clock.advance(Duration.ofHours(9));
		TestBrowser.Page wikiLater = wikiVisit.authorize();
		assertCode(wikiLater);
		TestBrowser.Page payrollLater = payrollVisit.follow(payrollVisit.authorize());
		assertThat(payrollLater.isSignInPage()).isTrue();
		assertThat(payrollVisit.hops().get(payrollVisit.hops().size() - 2).location()).startsWith(base + "/oauth2/authorize?");
	}

	@Test
	void whenEnrollmentIsAdministratorOnlyThenAnAccountWithoutAFactorIsToldToAskAndNoCodeIsSent() {
		App app = policyApp("{\"required\":\"always\",\"enrollment\":\"administrator-only\"}");
		Person person = personWithoutPhone();
		Visitor visitor = visitor(app);
		assertSmsStep(afterPassword(visitor, person));

		TestBrowser.Page page = visitor.smsPage();
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Ask your administrator").doesNotContain("Send code");
		String number = newPhone();
		visitor.browser().submit(page, "/mfa/sms/send", Map.of("phoneNumber", number));

		assertThat(outboxSize(number)).isZero();
		visitor.assertNoCodeInAnyHop();
		assertThat(codesIssued(app)).isZero();
	}

}
