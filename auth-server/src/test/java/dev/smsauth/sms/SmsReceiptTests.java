package dev.smsauth.sms;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.vonage.client.auth.hashutils.HashType;
import dev.smsauth.sms.twilio.TwilioFake;
import dev.smsauth.sms.vonage.VonageFake;
import dev.smsauth.sms.vonage.VonageWebhookSigner;
import dev.smsauth.support.TestClockConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery receipts over HTTP: messages are sent through the real SDKs to their WireMock stand-ins,
 * then the providers' signed callbacks are posted to {@code /sms/receipts/vonage} and
 * {@code /sms/receipts/twilio}. Forged receipts are refused and change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:receipts-${random.uuid};DB_CLOSE_DELAY=-1",
				VonageFake.OWN_MANAGEMENT_SECRET, VonageFake.OWN_HMAC_KEY, VonageFake.OWN_KEY_ENCRYPTION_KEY,
				"auth.sms.routes.default=vonage", "auth.sms.routes.1=twilio",
				"auth.sms.vonage.api-key=" + VonageFake.API_KEY, "auth.sms.vonage.api-secret=" + VonageFake.API_SECRET,
				"auth.sms.vonage.from=" + VonageFake.FROM, "auth.sms.vonage.signature-secret=" + SmsReceiptTests.VONAGE_SECRET,
				"auth.sms.twilio.account-sid=" + TwilioFake.ACCOUNT_SID, "auth.sms.twilio.auth-token=" + TwilioFake.AUTH_TOKEN,
				"auth.sms.twilio.from=" + TwilioFake.FROM,
				"auth.sms.receipts.public-base-url=" + SmsReceiptTests.PUBLIC_BASE_URL })
@Import(TestClockConfig.class)
class SmsReceiptTests {

	static final String VONAGE_SECRET = "vonage-signature-secret-receipts";

	static final String PUBLIC_BASE_URL = "https://auth.example.test";

	static final String TWILIO_CALLBACK = PUBLIC_BASE_URL + "/sms/receipts/twilio";

	static final WireMockServer VONAGE = VonageFake.start();

	static final WireMockServer TWILIO = TwilioFake.start();

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@LocalServerPort
	int port;

	@Autowired
	SmsDelivery delivery;

	@Autowired
	SmsMessages messages;

	@Autowired
	MeterRegistry meters;

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
	}

	@Test
	void whenEveryPartOfAnUnpricedVonageMessageIsDeliveredThenTheMessageIsDeliveredPricedByItsReceiptsOnce()
			throws Exception {
		String[] parts = sendThroughVonage(false);

		assertThat(vonageForm(signedVonage(parts[0], "delivered", "0", "0.0333")).statusCode()).isEqualTo(200);
		SmsMessageRecord afterOne = messageOf("vonage", parts[0]);
		assertThat(afterOne.status()).isEqualTo(SmsMessageStatus.SUBMITTED);
		assertThat(afterOne.parts()).isEqualTo(2);
		assertThat(partStatus("vonage", parts[0])).isEqualTo("delivered");

		// By GET, as Vonage does when the dashboard says so; then the same receipt again.
		Map<String, String> second = signedVonage(parts[1], "delivered", "0", "0.0333");
		assertThat(vonageGet(second).statusCode()).isEqualTo(200);
		assertThat(vonageGet(second).statusCode()).isEqualTo(200);

		SmsMessageRecord delivered = messageOf("vonage", parts[1]);
		assertThat(delivered.status()).isEqualTo(SmsMessageStatus.DELIVERED);
		assertThat(delivered.price()).isEqualByComparingTo(new BigDecimal("0.0666"));
		assertThat(delivered.currency()).isEqualTo("EUR");
	}

	@Test
	void whenAVonageMessageWasPricedAtSubmissionThenReceiptPricesDoNotChangeIt() throws Exception {
		String[] parts = sendThroughVonage(true);

		vonageForm(signedVonage(parts[0], "delivered", "0", "0.0500"));
		vonageForm(signedVonage(parts[1], "delivered", "0", "0.0500"));

		SmsMessageRecord message = messageOf("vonage", parts[0]);
		assertThat(message.status()).isEqualTo(SmsMessageStatus.DELIVERED);
		assertThat(message.price()).isEqualByComparingTo(new BigDecimal("0.0666"));
	}

	@Test
	void whenAVonagePartFailsThenTheMessageFailsWithTheCarrierCodeAndALaterDeliveryChangesNothing() throws Exception {
		String[] parts = sendThroughVonage(false);
		Map<String, String> failed = signedVonage(parts[0], "failed", "6", null);

		assertThat(vonageJson(failed).statusCode()).isEqualTo(200);
		assertThat(messageOf("vonage", parts[0]).status()).isEqualTo(SmsMessageStatus.FAILED);
		assertThat(messageOf("vonage", parts[0]).errorCode()).isEqualTo("vonage-dlr-6");

		vonageForm(signedVonage(parts[1], "delivered", "0", null));
		vonageForm(signedVonage(parts[0], "delivered", "0", null));
		assertThat(messageOf("vonage", parts[0]).status()).isEqualTo(SmsMessageStatus.FAILED);
		assertThat(partStatus("vonage", parts[0])).isEqualTo("failed");
	}

	@Test
	void whenTwilioSaysDeliveredThenDeliveredAndLaterWordsChangeNothingAndNoSessionIsMade() throws Exception {
		String sid = sendThroughTwilio();
		double deliveredBefore = messages("twilio", "delivered");

		assertThat(twilio(twilioFields(sid, "sent", null)).statusCode()).isEqualTo(200);
		assertThat(messageOf("twilio", sid).status()).isEqualTo(SmsMessageStatus.SUBMITTED);

		HttpResponse<String> delivered = twilio(twilioFields(sid, "delivered", null));
		assertThat(delivered.statusCode()).isEqualTo(200);
		assertThat(delivered.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(messageOf("twilio", sid).status()).isEqualTo(SmsMessageStatus.DELIVERED);

		twilio(twilioFields(sid, "undelivered", "30003"));
		twilio(twilioFields(sid, "sent", null));
		SmsMessageRecord message = messageOf("twilio", sid);
		assertThat(message.status()).isEqualTo(SmsMessageStatus.DELIVERED);
		assertThat(message.errorCode()).isNull();
		assertThat(messages("twilio", "delivered") - deliveredBefore).as("counted once, when it became delivered")
			.isEqualTo(1.0);
	}

	private double messages(String provider, String status) {
		var counter = meters.find("smsauth.sms.messages").tags("provider", provider, "status", status).counters();
		return counter.stream().mapToDouble(c -> c.count()).sum();
	}

	@Test
	void whenTwilioSaysUndeliveredThenFailedWithItsErrorCode() throws Exception {
		String sid = sendThroughTwilio();

		twilio(twilioFields(sid, "undelivered", "30003"));

		SmsMessageRecord message = messageOf("twilio", sid);
		assertThat(message.status()).isEqualTo(SmsMessageStatus.FAILED);
		assertThat(message.errorCode()).isEqualTo("twilio-30003");
	}

	@Test
	void whenTheMessageIdIsUnknownThenTheAnswerIsTheSameAndNothingChanges() throws Exception {
		double before = count("twilio", "unknown") + count("vonage", "unknown");

		assertThat(twilio(twilioFields("SMnobodysent", "delivered", null)).statusCode()).isEqualTo(200);
		assertThat(vonageForm(signedVonage("0Anobodysent", "delivered", "0", "0.1")).statusCode()).isEqualTo(200);

		assertThat(messages.forProviderMessage("twilio", "SMnobodysent")).isEmpty();
		assertThat(count("twilio", "unknown") + count("vonage", "unknown")).isEqualTo(before + 2);
	}

	@Test
	void whenATwilioCallbackIsForgedThen401ProblemAndNothingChanges() throws Exception {
		String sid = sendThroughTwilio();
		double before = count("twilio", "forged");
		Map<String, String> fields = twilioFields(sid, "failed", "30005");
		String signedForDelivered = TwilioFake.sign(TwilioFake.AUTH_TOKEN, TWILIO_CALLBACK,
				twilioFields(sid, "delivered", null));

		assertForged(twilio(fields, TwilioFake.sign("another-account-token", TWILIO_CALLBACK, fields)));
		assertForged(twilio(fields, null));
		assertForged(twilio(fields, signedForDelivered));
		// Signed for the address the request reached, not the public one Twilio was given.
		assertForged(twilio(fields, TwilioFake.sign(TwilioFake.AUTH_TOKEN, base() + "/sms/receipts/twilio", fields)));

		assertThat(messageOf("twilio", sid).status()).isEqualTo(SmsMessageStatus.SUBMITTED);
		assertThat(count("twilio", "forged")).isEqualTo(before + 4);
	}

	@Test
	void whenAVonageReceiptIsForgedOrReplayedThen401ProblemAndNothingChanges() throws Exception {
		String[] parts = sendThroughVonage(false);
		double before = count("vonage", "forged");
		Map<String, String> unsigned = vonageFields(parts[0], "failed", "6", null);
		Map<String, String> otherParameters = new LinkedHashMap<>(signedVonage(parts[0], "delivered", "0", null));
		otherParameters.put("status", "failed");
		Map<String, String> replayed = VonageWebhookSigner.signedAt(vonageFields(parts[0], "failed", "6", null),
				VONAGE_SECRET, HashType.MD5, Instant.now().minus(Duration.ofMinutes(10)));

		assertForged(vonageForm(unsigned));
		assertForged(vonageForm(VonageWebhookSigner.signedNow(unsigned, "not-our-secret", HashType.MD5)));
		assertForged(vonageForm(otherParameters));
		assertForged(vonageForm(replayed));
		assertForged(vonageJson(otherParameters));

		assertThat(messageOf("vonage", parts[0]).status()).isEqualTo(SmsMessageStatus.SUBMITTED);
		assertThat(partStatus("vonage", parts[0])).isEqualTo("submitted");
		assertThat(count("vonage", "forged")).isEqualTo(before + 5);
	}

	@Test
	void whenAReceiptBodyIsLargerThanAnyReceiptThen413() throws Exception {
		String huge = "{\"messageId\":\"" + "x".repeat(20_000) + "\"}";

		HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + "/sms/receipts/vonage"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(huge))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(413);
		assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
	}

	// --- sending ---------------------------------------------------------------------------------

	/** A two-part message through Vonage; its part ids. */
	private String[] sendThroughVonage(boolean priced) {
		String id = UUID.randomUUID().toString().substring(0, 8);
		String[] parts = { "0A" + id + "1", "0A" + id + "2" };
		String price = priced ? ",\"message-price\":\"0.03330000\"" : "";
		VONAGE.stubFor(post(urlEqualTo("/sms/json")).willReturn(okJson("""
				{"message-count":"2","messages":[{"to":"447700900777","message-id":"%s","status":"0"%s},\
				{"to":"447700900777","message-id":"%s","status":"0"%s}]}""".formatted(parts[0], price, parts[1], price))));
		delivery.send(new SmsMessage("+447700900777", "a long notice"), SmsContext.notice(null));
		return parts;
	}

	private String sendThroughTwilio() {
		String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
		TWILIO.stubFor(TwilioFake.messages()
			.willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody(TwilioFake.accepted("+14155550199", sid, "1", null))));
		delivery.send(new SmsMessage("+14155550199", "a notice"), SmsContext.notice(null));
		return sid;
	}

	// --- receipts --------------------------------------------------------------------------------

	private static Map<String, String> vonageFields(String messageId, String status, String errCode, String price) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("messageId", messageId);
		fields.put("msisdn", "447700900777");
		fields.put("to", VonageFake.FROM);
		fields.put("network-code", "23410");
		fields.put("status", status);
		fields.put("err-code", errCode);
		fields.put("scts", "2601011200");
		fields.put("message-timestamp", "2026-01-01 12:00:00");
		fields.put("api-key", VonageFake.API_KEY);
		fields.put("nonce", UUID.randomUUID().toString());
		if (price != null) {
			fields.put("price", price);
		}
		return fields;
	}

	private static Map<String, String> signedVonage(String messageId, String status, String errCode, String price) {
		return VonageWebhookSigner.signedNow(vonageFields(messageId, status, errCode, price), VONAGE_SECRET, HashType.MD5);
	}

	private static Map<String, String> twilioFields(String sid, String status, String errorCode) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("AccountSid", TwilioFake.ACCOUNT_SID);
		fields.put("ApiVersion", "2010-04-01");
		fields.put("From", TwilioFake.FROM);
		fields.put("To", "+14155550199");
		fields.put("MessageSid", sid);
		fields.put("SmsSid", sid);
		fields.put("MessageStatus", status);
		fields.put("SmsStatus", status);
		if (errorCode != null) {
			fields.put("ErrorCode", errorCode);
		}
		return fields;
	}

	private HttpResponse<String> twilio(Map<String, String> fields) throws IOException, InterruptedException {
		return twilio(fields, TwilioFake.sign(TwilioFake.AUTH_TOKEN, TWILIO_CALLBACK, fields));
	}

	private HttpResponse<String> twilio(Map<String, String> fields, String signature)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/sms/receipts/twilio"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields)));
		if (signature != null) {
			request.header("X-Twilio-Signature", signature);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> vonageForm(Map<String, String> fields) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(base() + "/sms/receipts/vonage"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> vonageGet(Map<String, String> fields) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(base() + "/sms/receipts/vonage?" + form(fields))).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> vonageJson(Map<String, String> fields) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(base() + "/sms/receipts/vonage"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JsonMapper.builder().build().writeValueAsString(fields)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void assertForged(HttpResponse<String> answer) {
		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(answer.body()).contains("signature");
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	// --- reading ---------------------------------------------------------------------------------

	private SmsMessageRecord messageOf(String provider, String providerMessageId) {
		return messages.forProviderMessage(provider, providerMessageId).orElseThrow();
	}

	private String partStatus(String provider, String providerMessageId) {
		return org.springframework.jdbc.core.simple.JdbcClient.create(dataSource)
			.sql("SELECT status FROM sms_message_part WHERE provider = :p AND provider_message_id = :id")
			.param("p", provider)
			.param("id", providerMessageId)
			.query(String.class)
			.single();
	}

	@Autowired
	javax.sql.DataSource dataSource;

	private double count(String provider, String outcome) {
		var counter = meters.find("smsauth.sms.receipts").tags("provider", provider, "outcome", outcome).counter();
		return counter == null ? 0 : counter.count();
	}

	private String base() {
		return "http://localhost:" + port;
	}

}
