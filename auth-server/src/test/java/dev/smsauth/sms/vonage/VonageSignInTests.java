package dev.smsauth.sms.vonage;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import dev.smsauth.support.TestClockConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole SMS sign-in with the Vonage provider: the real SDK posts to a WireMock stand-in of
 * Vonage's HTTP API, the code is read from what "Vonage" received, and the sign-in completes. A
 * provider failure shows a plain retry message, costs no try and starts no cooldown.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:vonage-${random.uuid};DB_CLOSE_DELAY=-1",
				VonageFake.OWN_MANAGEMENT_SECRET, VonageFake.OWN_HMAC_KEY, VonageFake.OWN_KEY_ENCRYPTION_KEY,
				"auth.sms.provider=vonage", "auth.sms.vonage.api-key=" + VonageFake.API_KEY,
				"auth.sms.vonage.api-secret=" + VonageFake.API_SECRET, "auth.sms.vonage.from=" + VonageFake.FROM,
				"auth.sms.vonage.timeout=10s" })
@Import(TestClockConfig.class)
class VonageSignInTests {

	static final WireMockServer VONAGE = VonageFake.start();

	static final String REDIRECT = "https://rp.example.com/cb";

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void vonageBaseUri(DynamicPropertyRegistry registry) {
		registry.add("auth.sms.vonage.base-uri", VONAGE::baseUrl);
	}

	@AfterAll
	static void stopVonage() {
		VONAGE.stop();
	}

	@Test
	void whenProviderFailsThenPlainRetryMessageAndNextPressSendsThroughVonageAndSignInCompletes() {
		String base = "http://localhost:" + port;
		ManagementClient admin = new ManagementClient(base, "management-cli", VonageFake.MANAGEMENT_SECRET);
		JsonNode app = admin.createApplication("{\"name\":\"Vonage app\",\"redirectUris\":[\"" + REDIRECT
				+ "\"],\"scopes\":[\"openid\"],\"mfa\":{\"sms\":true}}");
		admin.createUser("vonage-user", "+447700900456", "vonage-password-1");
		TestBrowser browser = new TestBrowser(base);
		SignInFlow flow = new SignInFlow(browser, app.get("clientId").asString(), REDIRECT);
		flow.authorize("openid", java.util.Map.of());
		browser.next(flow.signIn("vonage-user", "vonage-password-1"));

		// Vonage is down: HTTP 500. The person is told plainly and may press again at once.
		VONAGE.stubFor(post(urlEqualTo("/sms/json")).willReturn(aResponse().withStatus(500)));
		assertThat(flow.sendCode().alerts()).isEqualTo("We could not send the SMS just now. Please try again.");

		// Vonage is back: the next press goes through without waiting for a cooldown.
		VONAGE.resetAll();
		VONAGE.stubFor(post(urlEqualTo("/sms/json")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(VonageFake.accepted("447700900456", "msg-1"))));
		assertThat(flow.sendCode().alerts()).isEqualTo("We sent a code by SMS.");
		LoggedRequest sent = VONAGE.findAll(postRequestedFor(urlEqualTo("/sms/json"))).get(0);
		String form = URLDecoder.decode(sent.getBodyAsString(), StandardCharsets.UTF_8);
		assertThat(form).contains("to=447700900456").contains("from=" + VonageFake.FROM);
		Matcher code = Pattern.compile("text=(\\d{6}) ").matcher(form);
		assertThat(code.find()).as("code in %s", form).isTrue();

		TestBrowser.Page verified = flow.verify(code.group(1));
		TestBrowser.Page toApp = browser.next(verified);
		assertThat(SignInFlow.codeIn(toApp)).isNotNull();
		JsonNode idToken = SignInFlow
			.claims(flow.exchange(SignInFlow.codeIn(toApp), app.get("clientSecret").asString()).get("id_token").asString());
		assertThat(idToken.get("amr").toString()).isEqualTo("[\"pwd\",\"sms\",\"mfa\"]");
	}

}
