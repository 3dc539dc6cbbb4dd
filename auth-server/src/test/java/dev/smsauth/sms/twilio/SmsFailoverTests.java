package dev.smsauth.sms.twilio;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.smsauth.sms.SmsMessageRecord;
import dev.smsauth.sms.SmsMessageStatus;
import dev.smsauth.sms.SmsMessages;
import dev.smsauth.sms.vonage.VonageFake;
import dev.smsauth.support.Budgets;
import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.TestBrowser;
import dev.smsauth.support.TestClockConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failover between the two real providers, each the real SDK against its WireMock stand-in, with
 * {@code auth.sms.routes.default=vonage,twilio} and North America ({@code +1}) the other way round.
 * One press of "Send code" makes one code and spends one budget slot whichever provider takes it;
 * a number the first provider refuses as such is not offered to the second.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:failover-${random.uuid};DB_CLOSE_DELAY=-1",
				VonageFake.OWN_MANAGEMENT_SECRET, VonageFake.OWN_HMAC_KEY, VonageFake.OWN_KEY_ENCRYPTION_KEY,
				"auth.sms.routes.default=vonage,twilio", "auth.sms.routes.1=twilio,vonage",
				"auth.sms.vonage.api-key=" + VonageFake.API_KEY, "auth.sms.vonage.api-secret=" + VonageFake.API_SECRET,
				"auth.sms.vonage.from=" + VonageFake.FROM, "auth.sms.vonage.timeout=2s",
				"auth.sms.twilio.account-sid=" + TwilioFake.ACCOUNT_SID, "auth.sms.twilio.auth-token=" + TwilioFake.AUTH_TOKEN,
				"auth.sms.twilio.from=" + TwilioFake.FROM, "auth.sms.twilio.timeout=10s",
				"auth.sms.receipts.public-base-url=https://auth.example.test",
				// Every press reaches both fakes: an open circuit would skip Vonage after a few 500s.
				"auth.sms.breaker.enabled=false" })
@Import(TestClockConfig.class)
class SmsFailoverTests {

	static final WireMockServer VONAGE = VonageFake.start();

	static final WireMockServer TWILIO = TwilioFake.start();

	static final String REDIRECT = "https://rp.example.com/cb";

	static final String CODE_SENT = "We sent a code by SMS.";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SmsMessages messages;

	@DynamicPropertySource
	static void providerBaseUris(DynamicPropertyRegistry registry) {
		registry.add("auth.sms.vonage.base-uri", VONAGE::baseUrl);
		registry.add("auth.sms.twilio.base-uri", TWILIO::baseUrl);
	}

	@AfterAll
	static void stopFakes() {
		VONAGE.stop();
		TWILIO.stop();
	}

	@BeforeEach
	void reset() {
		VONAGE.resetAll();
		TWILIO.resetAll();
		Budgets.resetAll(jdbc);
	}

	@Test
	void whenVonageAnswers500ThenTheCodeArrivesThroughTwilioInTheSamePressWithOneChallengeAndOneBudgetSlot() {
		VONAGE.stubFor(post(urlEqualTo("/sms/json")).willReturn(aResponse().withStatus(500)));
		twilioAccepts("SMfailover500", "1");
		Person person = signedInWithPassword("failover-500", "+447700900501");

		assertThat(person.flow().sendCode().alerts()).isEqualTo(CODE_SENT);
		VONAGE.verify(1, postRequestedFor(urlEqualTo("/sms/json")));
		TWILIO.verify(1, postRequestedFor(urlPathEqualTo(TwilioFake.MESSAGES_PATH)));
		assertThat(challengesOf(person)).hasSize(1);
		assertThat(hits("sms:number:+447700900501")).isEqualTo(1);
		assertThat(hits("sms:account:" + person.userId())).isEqualTo(1);
		List<SmsMessageRecord> attempts = messages.forChallenge(challengesOf(person).get(0));
		assertThat(attempts).extracting(SmsMessageRecord::provider, SmsMessageRecord::status,
				SmsMessageRecord::errorCode, SmsMessageRecord::providerMessageId)
			// In any order: both rows carry the same instant under the test clock, so created_at can not order them.
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("vonage", SmsMessageStatus.REJECTED, "http-500", null),
					org.assertj.core.groups.Tuple.tuple("twilio", SmsMessageStatus.SUBMITTED, null, "SMfailover500"));

		signInCompletesWith(person, codeSentToTwilio());
	}

	@Test
	void whenVonageDoesNotAnswerInTimeThenTwilioTakesTheMessage() {
		VONAGE.stubFor(post(urlEqualTo("/sms/json"))
			.willReturn(okJson(VonageFake.accepted("447700900502", "late-1")).withFixedDelay(6_000)));
		twilioAccepts("SMfailoverSlow", "1");
		Person person = signedInWithPassword("failover-slow", "+447700900502");

		assertThat(person.flow().sendCode().alerts()).isEqualTo(CODE_SENT);
		List<SmsMessageRecord> attempts = messages.forChallenge(challengesOf(person).get(0));
		assertThat(attempts).extracting(SmsMessageRecord::provider, SmsMessageRecord::status, SmsMessageRecord::errorCode)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("vonage", SmsMessageStatus.REJECTED, "unreachable"),
					org.assertj.core.groups.Tuple.tuple("twilio", SmsMessageStatus.SUBMITTED, null));
		assertThat(hits("sms:number:+447700900502")).isEqualTo(1);
		signInCompletesWith(person, codeSentToTwilio());
	}

	@Test
	void whenVonageRefusesTheNumberItselfThenTwilioIsNotAskedAndThePageSaysTheNumberCanNotReceiveSms() {
		twilioAccepts("SMnever", "1");
		int[][] cases = { { 3, 503 }, { 7, 507 } }; // invalid parameters (the number), barred number
		for (int[] refusal : cases) {
			VONAGE.resetAll();
			String vonageNumber = "4477009005" + (refusal[1] % 100 + 10);
			VONAGE.stubFor(post(urlEqualTo("/sms/json"))
				.willReturn(okJson(VonageFake.refused(vonageNumber, refusal[0], "refused"))));
			Person person = signedInWithPassword("failover-number-" + refusal[0], "+" + vonageNumber);

			TestBrowser.Page answer = person.flow().sendCode();

			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.alerts())
				.isEqualTo("This phone number can not receive SMS. Check the number, or contact your administrator.");
			assertThat(jdbc.sql("SELECT provider, status, error_code FROM sms_message WHERE user_id = :u")
				.param("u", person.userId())
				.query((rs, row) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
				.list()).containsExactly("vonage rejected vonage-" + refusal[0]);
		}
		TWILIO.verify(0, postRequestedFor(urlPathEqualTo(TwilioFake.MESSAGES_PATH)));
	}

	@Test
	void whenBothProvidersAreDownThenTheFriendlyRetryMessageAndNoCode() {
		VONAGE.stubFor(post(urlEqualTo("/sms/json")).willReturn(aResponse().withStatus(503)));
		TWILIO.stubFor(TwilioFake.messages().willReturn(aResponse().withStatus(500)));
		Person person = signedInWithPassword("failover-down", "+447700900504");

		TestBrowser.Page answer = person.flow().sendCode();

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.alerts()).isEqualTo("We could not send the SMS just now. Please try again.");
		VONAGE.verify(1, postRequestedFor(urlEqualTo("/sms/json")));
		TWILIO.verify(1, postRequestedFor(urlPathEqualTo(TwilioFake.MESSAGES_PATH)));
		assertThat(jdbc.sql("SELECT provider || ' ' || status || ' ' || error_code FROM sms_message WHERE user_id = :u "
				+ "ORDER BY created_at, provider DESC")
			.param("u", person.userId())
			.query(String.class)
			.list()).containsExactlyInAnyOrder("vonage rejected http-503", "twilio rejected http-500");
	}

	@Test
	void whenTheCallingCodeHasItsOwnRouteThenTwilioComesFirstAndVonageIsNotAsked() {
		twilioAccepts("SMnorthAmerica", "1");
		Person person = signedInWithPassword("route-1", "+14155550123");

		assertThat(person.flow().sendCode().alerts()).isEqualTo(CODE_SENT);
		VONAGE.verify(0, postRequestedFor(urlEqualTo("/sms/json")));
		assertThat(TwilioFake.form(TWILIO.getAllServeEvents().get(0).getRequest().getBodyAsString()))
			.containsEntry("To", "+14155550123")
			.containsEntry("StatusCallback", "https://auth.example.test/sms/receipts/twilio");
		signInCompletesWith(person, codeSentToTwilio());
	}

	private void twilioAccepts(String sid, String segments) {
		TWILIO.stubFor(TwilioFake.messages()
			.willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody(TwilioFake.accepted("+10000000000", sid, segments, null))));
	}

	private String codeSentToTwilio() {
		Map<String, String> form = TwilioFake.form(TWILIO.getAllServeEvents().get(0).getRequest().getBodyAsString());
		Matcher code = Pattern.compile("(\\d{6}) ").matcher(form.get("Body"));
		assertThat(code.find()).as("code in the text sent to Twilio").isTrue();
		return code.group(1);
	}

	private void signInCompletesWith(Person person, String code) {
		TestBrowser.Page verified = person.flow().verify(code);
		TestBrowser.Page toApp = person.browser().next(verified);
		String authorizationCode = SignInFlow.codeIn(toApp);
		assertThat(authorizationCode).isNotNull();
		JsonNode idToken = SignInFlow.claims(
				person.flow().exchange(authorizationCode, person.clientSecret()).get("id_token").asString());
		assertThat(idToken.get("amr").toString()).isEqualTo("[\"pwd\",\"sms\",\"mfa\"]");
	}

	private List<String> challengesOf(Person person) {
		return jdbc.sql("SELECT id FROM sms_challenge WHERE user_id = :u").param("u", person.userId()).query(String.class).list();
	}

	private int hits(String bucket) {
		return jdbc.sql("SELECT COUNT(*) FROM rate_limit_hit WHERE bucket = :b").param("b", bucket).query(Integer.class).single();
	}

	private Person signedInWithPassword(String username, String phone) {
		String base = "http://localhost:" + port;
		ManagementClient admin = new ManagementClient(base, "management-cli", VonageFake.MANAGEMENT_SECRET);
		JsonNode app = admin.createApplication("{\"name\":\"Failover " + username + "\",\"redirectUris\":[\"" + REDIRECT
				+ "\"],\"scopes\":[\"openid\"],\"mfa\":{\"sms\":true}}");
		JsonNode user = admin.createUser(username, phone, "failover-password-1");
		TestBrowser browser = new TestBrowser(base);
		SignInFlow flow = new SignInFlow(browser, app.get("clientId").asString(), REDIRECT);
		flow.authorize("openid", Map.of());
		browser.next(flow.signIn(username, "failover-password-1"));
		return new Person(browser, flow, user.get("id").asString(), app.get("clientSecret").asString());
	}

	private record Person(TestBrowser browser, SignInFlow flow, String userId, String clientSecret) {
	}

}
