package dev.smsauth.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.smsauth.demo.TestBrowser.csrfTokenIn;
import static dev.smsauth.demo.TestBrowser.queryOf;
import static dev.smsauth.demo.TestBrowser.targetOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo against a fake auth server, over real HTTP: starting sign-in, the callback,
 * the profile page and logout.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SignInRoundTripTests {

	private static final FakeAuthorizationServer authServer = FakeAuthorizationServer.start();

	@LocalServerPort
	private int port;

	private TestBrowser browser;

	@DynamicPropertySource
	static void pointAtFakeAuthServer(DynamicPropertyRegistry registry) {
		registry.add("demo.issuer", authServer::issuer);
	}

	@AfterAll
	static void stopFakeAuthServer() {
		authServer.close();
	}

	@BeforeEach
	void newBrowser() {
		this.browser = new TestBrowser(this.port);
	}

	@Test
	void whenLoginClickedThenRedirectsWithPkce() {
		ResponseEntity<String> response = this.browser.get("/oauth2/authorization/smsauth");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		assertThat(targetOf(response)).isEqualTo(authServer.authorizationEndpoint());
		Map<String, List<String>> query = queryOf(response);
		assertThat(query.get("response_type")).containsExactly("code");
		assertThat(query.get("client_id")).containsExactly("demo-client");
		assertThat(query.get("redirect_uri"))
			.containsExactly(this.browser.baseUrl() + "/login/oauth2/code/smsauth");
		assertThat(query.get("code_challenge_method")).containsExactly("S256");
		// A SHA-256 hash in unpadded base64url is 43 characters.
		assertThat(query.get("code_challenge")).singleElement().asString().matches("[A-Za-z0-9_-]{43}");
		assertThat(query.get("state")).singleElement().asString().isNotBlank();
		assertThat(query.get("nonce")).singleElement().asString().isNotBlank();
		assertThat(query.get("scope")).singleElement()
			.asString()
			.satisfies((scope) -> assertThat(scope.split(" ")).contains("openid", "profile", "email", "phone",
					"offline_access"));
		assertThat(query).doesNotContainKeys("acr_values", "prompt");
	}

	@Test
	void whenLoginStartsThenSessionCookieIsNamedDemoSession() {
		ResponseEntity<String> response = this.browser.get("/oauth2/authorization/smsauth");

		assertThat(response.getHeaders().get(HttpHeaders.SET_COOKIE)).isNotEmpty()
			.allSatisfy((cookie) -> assertThat(cookie).startsWith("DEMO_SESSION="));
	}

	@Test
	void whenLoginAgainWithMfaClickedThenAsksForTheMfaLevel() {
		ResponseEntity<String> response = this.browser.get("/oauth2/authorization/smsauth?acr=mfa");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		assertThat(queryOf(response).get("acr_values")).containsExactly("urn:smsauth:acr:mfa");
		assertThat(queryOf(response).get("code_challenge_method")).containsExactly("S256");
	}

	@Test
	void whenAcrIsNotExactlyMfaThenNoAcrValuesAreSent() {
		for (String acr : List.of("evil", "MFA", "urn:smsauth:acr:mfa", "")) {
			ResponseEntity<String> response = this.browser.get("/oauth2/authorization/smsauth?acr=" + acr);

			assertThat(response.getStatusCode()).as(acr).isEqualTo(HttpStatus.FOUND);
			assertThat(queryOf(response)).as(acr).doesNotContainKey("acr_values");
		}
	}

	@Test
	void whenReauthenticateClickedThenPromptLoginIsSentAndOtherPromptsAreNot() {
		ResponseEntity<String> login = this.browser.get("/oauth2/authorization/smsauth?prompt=login");
		ResponseEntity<String> none = this.browser.get("/oauth2/authorization/smsauth?prompt=none");

		assertThat(queryOf(login).get("prompt")).containsExactly("login");
		assertThat(queryOf(none)).doesNotContainKey("prompt");
	}

	@Test
	void whenAuthorizationCodeReturnedThenLandsOnProfileWithClaimsAndUserInfo() {
		ResponseEntity<String> callback = this.browser.signInThrough(authServer);

		assertThat(callback.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		assertThat(callback.getHeaders().getLocation()).hasPath("/profile");
		String profile = this.browser.get("/profile").getBody();
		assertThat(profile).contains("Signed in as <span>Ada Lovelace</span>", "SMS verified")
			.contains("href=\"" + authServer.issuer() + "/account\">Security settings</a>")
			.contains("<code>sub</code>", "user-42")
			.contains("<code>amr</code>", "[pwd, sms, mfa]")
			.contains("<code>acr</code>", "urn:smsauth:acr:mfa")
			.contains("<code>auth_time</code>", "1700000000", "2023-11-14 22:13:20 UTC")
			.contains("<code>phone_number</code>", "+15550100")
			.contains("<code>email</code>", "ada@example.test")
			// every other claim is listed too
			.contains("<code>sid</code>", "session-7", "<code>iss</code>", "<code>nonce</code>")
			.contains("Fetched by Spring Security during sign-in", "&quot;phone_number_verified&quot; : true");
		// name comes only from userinfo here, so the ID token row says it is missing
		assertThat(profile).containsPattern("<code>name</code></th>\\s*<td>\\s*<span class=\"note\">not in the ID token");
	}

	@Test
	void whenCodeExchangedThenClientUsesBasicAuthAndTheMatchingPkceVerifier() throws NoSuchAlgorithmException {
		ResponseEntity<String> authorize = this.browser.get("/oauth2/authorization/smsauth");
		String challenge = queryOf(authorize).get("code_challenge").get(0);
		authServer.nonceForNextToken(queryOf(authorize).get("nonce").get(0));
		this.browser.get("/login/oauth2/code/smsauth?code=" + FakeAuthorizationServer.CODE + "&state="
				+ queryOf(authorize).get("state").get(0));

		Map<String, String> tokenRequest = authServer.tokenRequests().get(authServer.tokenRequests().size() - 1);
		assertThat(tokenRequest).containsEntry("grant_type", "authorization_code")
			.containsEntry("code", FakeAuthorizationServer.CODE)
			.doesNotContainKeys("client_secret");
		String verifier = tokenRequest.get("code_verifier");
		assertThat(verifier).isNotBlank();
		byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
		assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(hash)).isEqualTo(challenge);
		String basic = Base64.getEncoder().encodeToString("demo-client:demo-secret".getBytes(StandardCharsets.UTF_8));
		assertThat(authServer.tokenRequestAuthorizations()).last().isEqualTo("Basic " + basic);
	}

	@Test
	void whenSignedInThenHomePageGreetsUserAndOffersLogOut() {
		this.browser.signInThrough(authServer);

		String home = this.browser.get("/").getBody();

		assertThat(home).contains("Welcome, <span>Ada Lovelace</span>", ">Log out</button>")
			.doesNotContain(">Log in</button>");
	}

	@Test
	void whenLogOutPressedThenRedirectsToEndSessionWithIdTokenHint() {
		this.browser.signInThrough(authServer);
		String csrf = csrfTokenIn(this.browser.get("/profile").getBody());

		ResponseEntity<String> logout = this.browser.postForm("/logout", Map.of("_csrf", csrf));

		assertThat(logout.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		assertThat(targetOf(logout)).isEqualTo(authServer.endSessionEndpoint());
		assertThat(queryOf(logout).get("id_token_hint")).singleElement().asString().startsWith("ey");
		assertThat(queryOf(logout).get("post_logout_redirect_uri")).containsExactly(this.browser.baseUrl() + "/");
		// and the local session is gone
		assertThat(this.browser.get("/profile").getStatusCode()).isEqualTo(HttpStatus.FOUND);
	}

	@Test
	void whenLogOutPostedWithoutCsrfTokenThenRefused() {
		this.browser.signInThrough(authServer);

		ResponseEntity<String> logout = this.browser.postForm("/logout", Map.of());

		assertThat(logout.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.browser.get("/profile").getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void whenAuthServerAnswersAccessDeniedThenFriendlyLoginFailedPage() {
		ResponseEntity<String> authorize = this.browser.get("/oauth2/authorization/smsauth");
		String state = queryOf(authorize).get("state").get(0);

		ResponseEntity<String> callback = this.browser
			.get("/login/oauth2/code/smsauth?error=access_denied&error_description=User%20cancelled&state=" + state);

		assertThat(callback.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		assertThat(callback.getHeaders().getLocation()).hasPath("/login-failed");
		ResponseEntity<String> page = this.browser.get("/login-failed");
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(page.getBody()).contains("Sign-in was cancelled or refused.", "access_denied", "User cancelled",
				">Log in</button>")
			.doesNotContain("Whitelabel");
	}

}
