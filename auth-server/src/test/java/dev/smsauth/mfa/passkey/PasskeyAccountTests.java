package dev.smsauth.mfa.passkey;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.smsauth.mfa.MfaTestBase;
import dev.smsauth.mfa.Visitor;
import dev.smsauth.support.AuthServerTest;
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
 * Over HTTP, without a browser: the page {@code /account/passkeys} (fresh sign-in, labels, list,
 * removal with 303 and CSRF, someone else's passkey untouched), the framework's registration
 * endpoint behind the same rule, the policy's {@code passkey} factor and the phishing-resistant
 * {@code acr} level. The passkey ceremonies themselves run in Chromium ({@code journey.PasskeyJourneyIT}).
 */
@AuthServerTest
class PasskeyAccountTests extends MfaTestBase {

	@Autowired
	UserCredentialRepository credentials;

	@Autowired
	Passkeys passkeys;

	@Test
	void whenOnlyThePasswordWasGivenThenThePageAsksForTheSecondFactorFirst() {
		Person person = person();
		TestBrowser browser = signedIn(person);

		TestBrowser.Page page = browser.get("/account/passkeys");

		assertThat(page.status()).isEqualTo(303);
		assertThat(page.location()).isEqualTo(base + "/mfa/sms");
		TestBrowser.Page options = browser.post("/webauthn/register/options", Map.of("_csrf", browser.get("/").csrf()));
		assertThat(options.status()).as("registration needs the same fresh sign-in").isEqualTo(403);
	}

	@Test
	void whenSignedInFreshlyThenThePageHasTheContractLabelsAndRegistrationOptionsAreOffered() {
		Person person = person();
		TestBrowser browser = signedInWithSms(person);

		TestBrowser.Page page = browser.get("/account/passkeys");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<label for=\"passkey-name\">Name</label>")
			.contains(">Add a passkey</button>")
			.contains("data-testid=\"no-passkeys\"")
			.contains("src=\"/js/passkeys.js\"")
			.doesNotContain("<script>");
		TestBrowser.Page options = browser.submit(page, "/webauthn/register/options", Map.of());
		assertThat(options.status()).isEqualTo(200);
		assertThat(options.body()).as(options.body()).contains("\"rp\":{\"id\":\"localhost\",\"name\":\"SMS Auth\"}")
			.contains("\"challenge\":")
			.contains("\"name\":\"" + person.id() + "\"")
			.contains("\"displayName\":\"" + person.username() + "\"");
	}

	@Test
	void whenAPasskeyIsRemovedThenThePageAnswers303AndItIsGone() {
		Person person = person();
		TestBrowser browser = signedInWithSms(person);
		browser.get("/account/passkeys");
		String id = storedPasskey(person, "My laptop");

		TestBrowser.Page page = browser.get("/account/passkeys");
		assertThat(page.body()).contains("data-testid=\"passkey\"").contains("My laptop");
		TestBrowser.Page noCsrf = browser.post("/account/passkeys/" + id + "/remove", Map.of());
		assertThat(noCsrf.status()).isEqualTo(403);
		assertThat(passkeys.list(person.id())).hasSize(1);

		TestBrowser.Page removed = browser.submit(page, "/account/passkeys/" + id + "/remove", Map.of());

		assertThat(removed.status()).isEqualTo(303);
		assertThat(removed.location()).isEqualTo(base + "/account/passkeys");
		assertThat(passkeys.list(person.id())).isEmpty();
		assertThat(browser.get("/account/passkeys").alerts()).contains("The passkey was removed.");
	}

	@Test
	void whenSomeoneTriesToRemoveAnotherPersonsPasskeyThenItStays() {
		Person owner = person();
		TestBrowser ownerBrowser = signedInWithSms(owner);
		ownerBrowser.get("/account/passkeys");
		String id = storedPasskey(owner, "Owner's key");
		Person other = person();
		TestBrowser otherBrowser = signedInWithSms(other);
		TestBrowser.Page page = otherBrowser.get("/account/passkeys");

		TestBrowser.Page attempt = otherBrowser.submit(page, "/account/passkeys/" + id + "/remove", Map.of());
		TestBrowser.Page odd = otherBrowser.submit(page, "/account/passkeys/%2e%2e/remove", Map.of());

		assertThat(attempt.status()).isEqualTo(303);
		assertThat(odd.status()).isLessThan(500);
		assertThat(passkeys.list(owner.id())).hasSize(1);
	}

	@Test
	void whenThePolicyListsPasskeyAndThePersonHasOneThenThePasskeyStepIsAskedFirst() {
		App app = appWithFactors("[\"passkey\",\"sms\"]");
		Person person = person();
		TestBrowser setup = signedInWithSms(person);
		setup.get("/account/passkeys");
		storedPasskey(person, "Phone");

		Visitor visitor = new Visitor(new TestBrowser(base), app.clientId(), REDIRECT);
		visitor.authorize();
		TestBrowser.Page step = visitor.signIn(person.username(), person.password());

		assertThat(step.status()).as(step.body()).isEqualTo(303);
		assertThat(step.location()).startsWith(base + "/mfa/passkey");
		TestBrowser.Page page = visitor.get(step.location());
		assertThat(page.body()).contains(">Use a passkey</button>").contains("href=\"/mfa/sms\"");
		TestBrowser.Page refused = visitor.browser()
			.post("/mfa/passkey", Map.of("_csrf", page.csrf()), Map.of());
		assertThat(refused.status()).as("no JSON assertion: refused, not a 500").isBetween(400, 499);
	}

	@Test
	void whenTheRelyingPartyAsksForThePhishingResistantLevelThenOnlyAPasskeyWill() {
		App app = app(true);
		Person person = person();
		Visitor visitor = new Visitor(new TestBrowser(base), app.clientId(), REDIRECT);
		visitor.authorize(Map.of("acr_values", "urn:smsauth:acr:phr"));
		TestBrowser.Page step = visitor.signIn(person.username(), person.password());

		assertThat(step.location()).startsWith(base + "/mfa/passkey");
		assertThat(visitor.get(step.location()).body()).contains("data-testid=\"no-passkey\"");
		JsonNode discovery = tools.jackson.databind.json.JsonMapper.builder().build()
			.readTree(new TestBrowser(base).get("/.well-known/openid-configuration").body());
		assertThat(discovery.get("acr_values_supported").toString()).contains("urn:smsauth:acr:phr");
	}

	@Test
	void whenAnApplicationsPolicyListsOnlyPasskeyThenTheApiKeepsIt() {
		App app = appWithFactors("[\"passkey\"]");

		JsonNode mfa = admin.call("GET", "/api/v1/applications/" + app.clientId(), null).json().get("mfa");

		assertThat(mfa.get("factors").toString()).isEqualTo("[\"passkey\"]");
		assertThat(mfa.get("required").asString()).isEqualTo("always");
	}

	private App appWithFactors(String factors) {
		JsonNode json = admin.createApplication("{\"name\":\"App " + UUID.randomUUID().toString().substring(0, 8)
				+ "\",\"redirectUris\":[\"" + REDIRECT + "\"],\"scopes\":[\"openid\",\"profile\",\"phone\"],"
				+ "\"mfa\":{\"required\":\"always\",\"factors\":" + factors + "}}");
		return new App(json.get("clientId").asString(), json.get("clientSecret").asString());
	}

	/** A passkey row as the registration would store it (the key itself is never used here). */
	private String storedPasskey(Person person, String label) {
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

	private TestBrowser signedIn(Person person) {
		TestBrowser browser = new TestBrowser(base);
		TestBrowser.Page after = browser.submit(browser.get("/login"), "/login",
				Map.of("username", person.username(), "password", person.password()));
		assertThat(after.status()).isEqualTo(303);
		return browser;
	}

	private TestBrowser signedInWithSms(Person person) {
		TestBrowser browser = signedIn(person);
		assertThat(browser.submit(browser.get("/mfa/sms"), "/mfa/sms/send", Map.of()).status()).isEqualTo(200);
		assertThat(browser.submit(browser.get("/mfa/sms"), "/mfa/sms/verify",
				Map.of("code", admin.latestCode(person.phone()))).status()).isEqualTo(303);
		return browser;
	}

}
