package dev.smsauth.journey;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import dev.smsauth.support.AuthServerTest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.Pkce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.smsauth.journey.IdTokens.amr;
import static dev.smsauth.journey.IdTokens.codeIn;
import static dev.smsauth.journey.IdTokens.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Passkeys in a real browser: headless Chromium with a virtual authenticator (CTAP2, internal,
 * resident keys, user verification). A person adds a passkey at /account/passkeys, signs in to an
 * application whose policy lists {@code passkey} with it as the second factor (the ID token says
 * {@code swk}, {@code user}, {@code mfa} and the phishing-resistant {@code acr}), renames and removes it;
 * another person whose authenticator holds a copy of that passkey is refused.
 *
 * <p>WebAuthn binds a passkey to an origin, so the server listens on a port chosen before it starts
 * and the issuer (from which the RP ID and origin derive) is that address.
 */
@AuthServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasskeyJourneyIT {

	static final int PORT = freePort();

	static final String BASE = "http://localhost:" + PORT;

	static final String ALICE_PHONE = "+447700900611";

	static final String BOB_PHONE = "+447700900612";

	static final String PASSWORD = "passkey-journey-password-1";

	@DynamicPropertySource
	static void fixedAddress(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("auth.issuer", () -> BASE);
	}

	ManagementClient api;

	Chromium alice;

	Chromium bob;

	VirtualAuthenticator aliceKey;

	VirtualAuthenticator bobKey;

	String clientId;

	String clientSecret;

	@BeforeAll
	void start() throws Exception {
		assumeTrue(Chromium.isInstalled() || System.getenv("CI") != null,
				"Debian chromium and chromium-driver are not installed");
		api = new ManagementClient(BASE);
		Path screenshots = Path.of(System.getProperty("screenshotDir", "target/screenshots"));
		alice = new Chromium(screenshots);
		bob = new Chromium(screenshots);
		aliceKey = authenticator(alice);
		bobKey = authenticator(bob);
		api.createUser("passkey-alice", ALICE_PHONE, PASSWORD);
		api.createUser("passkey-bob", BOB_PHONE, PASSWORD);
		JsonNode app = api.createApplication("{\"name\":\"Passkey app\",\"redirectUris\":[\"" + redirect()
				+ "\"],\"scopes\":[\"openid\"],\"mfa\":{\"required\":\"always\",\"factors\":[\"passkey\",\"sms\"]}}");
		clientId = app.get("clientId").asString();
		clientSecret = app.get("clientSecret").asString();
	}

	@AfterAll
	void stop() {
		if (alice != null) {
			alice.close();
		}
		if (bob != null) {
			bob.close();
		}
	}

	@Test
	void aPasskeyIsAddedUsedAsTheSecondFactorRefusedToAnotherPersonRenamedAndRemoved() throws Exception {
		// Add: the account page asks for the SMS step first (fresh sign-in), then comes back.
		alice.open(BASE + "/account/passkeys");
		signInWithSms(alice, ALICE_PHONE);
		alice.waitForUrlStartingWith(BASE + "/account/passkeys");
		alice.waitForText("Add a passkey");
		alice.type("Name", "Alice's laptop");
		alice.press("Add a passkey");
		alice.waitForText("Alice's laptop");
		assertThat(aliceKey.getCredentials()).hasSize(1);
		alice.screenshot("passkey-01-account-page");

		// Sign in anew: password, then the passkey step offers "Use a passkey".
		alice.driver().manage().deleteCookieNamed("SMSAUTH_SESSION");
		Pkce pkce = Pkce.create();
		authorize(alice, pkce, "");
		signInWithPassword(alice, ALICE_PHONE);
		alice.waitForUrlStartingWith(BASE + "/mfa/passkey");
		alice.waitForText("Use a passkey");
		alice.screenshot("passkey-02-second-factor");
		alice.press("Use a passkey");
		alice.waitForUrlStartingWith(redirect());
		JsonNode idToken = idToken(codeIn(alice.url()), pkce);
		assertThat(amr(idToken)).containsExactly("pwd", "swk", "user", "mfa");
		assertThat(idToken.get("acr").asString()).isEqualTo("urn:smsauth:acr:phr");

		// Bob's authenticator holds a copy of Alice's passkey; Bob has a passkey of his own, so his
		// step page offers the button. An assertion made with Alice's passkey in Bob's session is refused.
		bob.open(BASE + "/account/passkeys");
		signInWithSms(bob, BOB_PHONE);
		bob.waitForUrlStartingWith(BASE + "/account/passkeys");
		bob.waitForText("Add a passkey");
		bob.press("Add a passkey");
		bob.waitForText("Last used");
		for (Credential credential : aliceKey.getCredentials()) {
			bobKey.addCredential(credential);
		}
		bob.driver().manage().deleteCookieNamed("SMSAUTH_SESSION");
		Pkce bobPkce = Pkce.create();
		authorize(bob, bobPkce, "");
		signInWithPassword(bob, BOB_PHONE);
		bob.waitForUrlStartingWith(BASE + "/mfa/passkey");
		bob.waitForText("Use a passkey");
		String aliceCredentialId = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(aliceKey.getCredentials().get(0).getId());
		Object status = ((JavascriptExecutor) bob.driver()).executeAsyncScript(ASSERT_WITH_CREDENTIAL, aliceCredentialId);
		assertThat(status).as("Alice's passkey in Bob's session").isEqualTo(401L);
		authorize(bob, bobPkce, "");
		bob.waitForUrlStartingWith(BASE + "/mfa/passkey");

		// Rename with the item's own Name field, then remove: the passkey just proven counts as the
		// fresh second factor.
		alice.open(BASE + "/account/passkeys");
		alice.waitForText("Alice's laptop");
		org.openqa.selenium.WebElement item = alice.driver()
			.findElement(By.xpath("//li[@data-testid='passkey'][contains(., \"Alice's laptop\")]"));
		org.openqa.selenium.WebElement rename = item.findElement(By.cssSelector("form[data-testid=rename-passkey]"));
		org.openqa.selenium.WebElement name = rename.findElement(By.id(rename
			.findElement(By.xpath(".//label[normalize-space()='Name']"))
			.getDomAttribute("for")));
		name.clear();
		name.sendKeys("Alice's work laptop");
		rename.findElement(By.xpath(".//button[normalize-space()='Rename']")).click();
		alice.waitForText("The passkey was renamed.");
		alice.waitForText("Alice's work laptop");
		alice.driver()
			.findElement(By.xpath("//li[contains(., \"Alice's work laptop\")]//button[normalize-space()='Remove']"))
			.click();
		alice.waitForText("The passkey was removed.");
		assertThat(alice.text()).doesNotContain("Alice's work laptop");
	}

	/**
	 * Fetches a challenge for the signed-in person, asks the authenticator for an assertion with the
	 * given credential id, posts it the way passkeys.js does, and answers the HTTP status.
	 */
	private static final String ASSERT_WITH_CREDENTIAL = """
			const credentialId = arguments[0];
			const done = arguments[arguments.length - 1];
			const form = document.getElementById('use-passkey');
			const headers = { 'Content-Type': 'application/json' };
			headers[form.getAttribute('data-csrf-header')] = form.getAttribute('data-csrf-token');
			const b64 = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/=+$/, '').replace(/\\+/g, '-').replace(/\\//g, '_');
			const bin = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0)).buffer;
			fetch('/mfa/passkey/options', { method: 'POST', headers })
			  .then(r => r.json())
			  .then(o => navigator.credentials.get({ publicKey: { challenge: bin(o.challenge), rpId: o.rpId,
			      allowCredentials: [{ type: 'public-key', id: bin(credentialId) }], userVerification: 'preferred' } }))
			  .then(c => fetch('/mfa/passkey', { method: 'POST', headers, body: JSON.stringify({ id: c.id, rawId: b64(c.rawId),
			      type: c.type, clientExtensionResults: {}, response: { authenticatorData: b64(c.response.authenticatorData),
			      clientDataJSON: b64(c.response.clientDataJSON), signature: b64(c.response.signature),
			      userHandle: c.response.userHandle ? b64(c.response.userHandle) : undefined } }) }))
			  .then(r => done(r.status))
			  .catch(e => done('error: ' + e));
			""";

	private static VirtualAuthenticator authenticator(Chromium browser) {
		VirtualAuthenticatorOptions options = new VirtualAuthenticatorOptions()
			.setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
			.setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
			.setHasResidentKey(true)
			.setHasUserVerification(true)
			.setIsUserVerified(true)
			.setIsUserConsenting(true);
		return ((HasVirtualAuthenticator) browser.driver()).addVirtualAuthenticator(options);
	}

	private void signInWithSms(Chromium browser, String phone) {
		signInWithPassword(browser, phone);
		browser.waitForUrlStartingWith(BASE + "/mfa/sms");
		browser.press("Send code");
		browser.waitForText("Verification code");
		browser.type("Verification code", api.latestCode(phone));
		browser.press("Verify");
	}

	private void signInWithPassword(Chromium browser, String phone) {
		browser.waitForSignInPage(BASE);
		browser.type("Phone number, email or username", phone);
		browser.type("Password", PASSWORD);
		browser.press("Sign in");
	}

	private void authorize(Chromium browser, Pkce pkce, String extra) {
		browser.open(BASE + "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri="
				+ enc(redirect()) + "&scope=openid&state=s1&nonce=n1&code_challenge=" + pkce.challenge()
				+ "&code_challenge_method=S256" + extra);
	}

	/** The application's callback: a page of this server that does not exist, so the browser stops there. */
	private static String redirect() {
		return BASE + "/rp/passkeys/callback";
	}

	private JsonNode idToken(String code, Pkce pkce) throws Exception {
		return IdTokens.redeem(BASE, clientId, clientSecret, redirect(), code, pkce.verifier());
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
