package dev.smsauth.sms.twilio;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import dev.smsauth.sms.SmsDeliveryException;
import dev.smsauth.sms.SmsMessage;
import dev.smsauth.sms.SmsSubmission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Drives the real Twilio SDK, over our transport, against a WireMock stand-in for the Messages API. */
class TwilioSmsSenderTest {

	private static final String NUMBER = "+447700900123";

	private static final String MASKED = "+44 ••• ••• 0123";

	private static final String CODE_TEXT = "482913 is your verification code.";

	private static final URI CALLBACK = URI.create("https://auth.example.test/sms/receipts/twilio");

	private static WireMockServer twilio;

	private TwilioSmsSender sender;

	@BeforeAll
	static void startFake() {
		twilio = TwilioFake.start();
	}

	@AfterAll
	static void stopFake() {
		twilio.stop();
	}

	@BeforeEach
	void createSender() {
		twilio.resetAll();
		sender = new TwilioSmsSender(TwilioFake.properties(twilio.baseUrl(), Duration.ofSeconds(5)), CALLBACK);
	}

	@Test
	void whenTwilioAcceptsThenTheSidPriceAndSegmentsAreReturnedAndOneFormPostCarriesEverything() {
		twilio.stubFor(TwilioFake.messages()
			.willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody(TwilioFake.accepted(NUMBER, "SM0001", "2", "-0.01580"))));

		SmsSubmission submission = sender.send(new SmsMessage(NUMBER, CODE_TEXT));

		assertThat(submission.providerMessageIds()).containsExactly("SM0001");
		assertThat(submission.parts()).isEqualTo(2);
		assertThat(submission.price()).isEqualByComparingTo(new BigDecimal("0.0158"));
		assertThat(submission.currency()).isEqualTo("USD");
		assertThat(submission.delivered()).isFalse();
		twilio.verify(1, postRequestedFor(urlPathEqualTo(TwilioFake.MESSAGES_PATH))
			.withBasicAuth(new BasicCredentials(TwilioFake.ACCOUNT_SID, TwilioFake.AUTH_TOKEN)));
		Map<String, String> form = TwilioFake.form(twilio.getAllServeEvents().get(0).getRequest().getBodyAsString());
		assertThat(form).containsEntry("To", NUMBER)
			.containsEntry("From", TwilioFake.FROM)
			.containsEntry("Body", CODE_TEXT)
			.containsEntry("StatusCallback", CALLBACK.toString());
	}

	@Test
	void whenAMessagingServiceIsSetThenItSendsInsteadOfTheNumberAndAnUnpricedMessageHasNoPrice() {
		twilio.stubFor(TwilioFake.messages()
			.willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody(TwilioFake.accepted(NUMBER, "SM0002", "1", null))));
		TwilioSmsSender viaService = new TwilioSmsSender(new TwilioProperties(TwilioFake.ACCOUNT_SID,
				TwilioFake.AUTH_TOKEN, null, "MG00000000000000000000000000000001", URI.create(twilio.baseUrl()),
				Duration.ofSeconds(5)), null);

		SmsSubmission submission = viaService.send(new SmsMessage(NUMBER, CODE_TEXT));

		assertThat(submission.price()).isNull();
		assertThat(submission.currency()).isNull();
		assertThat(submission.parts()).isEqualTo(1);
		Map<String, String> form = TwilioFake.form(twilio.getAllServeEvents().get(0).getRequest().getBodyAsString());
		assertThat(form).containsEntry("MessagingServiceSid", "MG00000000000000000000000000000001")
			.doesNotContainKey("From")
			.doesNotContainKey("StatusCallback");
	}

	@Test
	void whenTwilioAnswers503ThenTemporaryAndTheSdkDoesNotRepeatThePost() {
		twilio.stubFor(TwilioFake.messages().willReturn(aResponse().withStatus(503).withBody("<html>down</html>")));

		SmsDeliveryException ex = sendExpectingFailure();

		assertThat(ex.kind()).isEqualTo(SmsDeliveryException.Kind.TEMPORARY);
		assertThat(ex.errorCode()).isEqualTo("http-503");
		assertThat(ex.getMessage()).contains("HTTP 503", MASKED).doesNotContain("down");
		// The SDK's own transport would post three times: three codes on the person's phone.
		twilio.verify(1, postRequestedFor(urlPathEqualTo(TwilioFake.MESSAGES_PATH)));
	}

	@Test
	void whenTwilioThrottlesWith429ThenTemporary() {
		twilio.stubFor(TwilioFake.messages()
			.willReturn(aResponse().withStatus(429)
				.withHeader("Content-Type", "application/json")
				.withBody(TwilioFake.error(20429, 429))));

		SmsDeliveryException ex = sendExpectingFailure();

		assertThat(ex.kind()).isEqualTo(SmsDeliveryException.Kind.TEMPORARY);
		assertThat(ex.errorCode()).isEqualTo("http-429");
	}

	@Test
	void whenTwilioSaysTheNumberIsInvalidThenRecipientAndTheMessageQuotesNoProviderText() {
		twilio.stubFor(TwilioFake.messages()
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody(TwilioFake.error(21211, 400))));

		SmsDeliveryException ex = sendExpectingFailure();

		assertThat(ex.kind()).isEqualTo(SmsDeliveryException.Kind.RECIPIENT);
		assertThat(ex.errorCode()).isEqualTo("twilio-21211");
		assertThat(ex.getMessage()).contains("21211", MASKED).doesNotContain("555 010 9999").doesNotContain(CODE_TEXT);
	}

	@Test
	void whenTheRegionIsNotEnabledOnOurAccountThenProviderNotRecipient() {
		twilio.stubFor(TwilioFake.messages()
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody(TwilioFake.error(21408, 400))));

		SmsDeliveryException ex = sendExpectingFailure();

		assertThat(ex.kind()).isEqualTo(SmsDeliveryException.Kind.PROVIDER);
		assertThat(ex.errorCode()).isEqualTo("twilio-21408");
	}

	@Test
	void whenTheCredentialsAreWrongThenProvider() {
		twilio.stubFor(TwilioFake.messages()
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody(TwilioFake.error(20003, 401))));

		SmsDeliveryException ex = sendExpectingFailure();

		assertThat(ex.kind()).isEqualTo(SmsDeliveryException.Kind.PROVIDER);
		assertThat(ex.errorCode()).isEqualTo("twilio-20003");
		assertThat(ex.getMessage()).doesNotContain(TwilioFake.AUTH_TOKEN);
	}

	@Test
	void whenTwilioAnswersSomethingUnreadableThenTemporaryWithoutQuotingIt() {
		twilio.stubFor(TwilioFake.messages()
			.willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "text/html")
				.withBody("<html>maintenance 482913</html>")));

		SmsDeliveryException ex = sendExpectingFailure();

		assertThat(ex.kind()).isEqualTo(SmsDeliveryException.Kind.TEMPORARY);
		assertThat(ex.errorCode()).isEqualTo("unreadable");
		assertThat(ex.getMessage()).doesNotContain("maintenance");
		assertThat(ex.getCause()).isNull();
	}

	@Test
	void whenTwilioIsSlowerThanTheTimeoutThenTemporary() {
		twilio.stubFor(TwilioFake.messages()
			.willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody(TwilioFake.accepted(NUMBER, "SM0003", "1", null))
				.withFixedDelay(3_000)));
		TwilioSmsSender impatient = new TwilioSmsSender(TwilioFake.properties(twilio.baseUrl(), Duration.ofMillis(300)),
				CALLBACK);

		SmsDeliveryException ex = catchThrowableOfType(SmsDeliveryException.class,
				() -> impatient.send(new SmsMessage(NUMBER, CODE_TEXT)));

		assertThat(ex).isNotNull();
		assertThat(ex.kind()).isEqualTo(SmsDeliveryException.Kind.TEMPORARY);
		assertThat(ex.errorCode()).isEqualTo("unreachable");
		assertThat(ex.getMessage()).contains("HttpTimeoutException");
	}

	@Test
	void whenNothingListensThenTemporary() throws IOException {
		TwilioSmsSender unreachable = new TwilioSmsSender(
				TwilioFake.properties("http://127.0.0.1:" + closedPort(), Duration.ofSeconds(5)), CALLBACK);

		SmsDeliveryException ex = catchThrowableOfType(SmsDeliveryException.class,
				() -> unreachable.send(new SmsMessage(NUMBER, CODE_TEXT)));

		assertThat(ex).isNotNull();
		assertThat(ex.kind()).isEqualTo(SmsDeliveryException.Kind.TEMPORARY);
		assertThat(ex.getMessage()).contains("could not be reached", MASKED);
	}

	@Test
	void whenSettingsAreMissingThenEachIsNamedAndTheTokenNeverPrinted() {
		IllegalStateException missing = catchThrowableOfType(IllegalStateException.class,
				() -> new TwilioProperties(null, " ", null, null, null, null));
		assertThat(missing.getMessage()).contains("auth.sms.twilio.account-sid (AUTH_SMS_TWILIO_ACCOUNT_SID)",
				"auth.sms.twilio.auth-token (AUTH_SMS_TWILIO_AUTH_TOKEN)", "auth.sms.twilio.from",
				"auth.sms.twilio.messaging-service-sid");

		TwilioProperties properties = TwilioFake.properties("https://api.twilio.com", null);
		assertThat(properties.toString()).doesNotContain(TwilioFake.AUTH_TOKEN).contains("authToken=<hidden>");
		assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(List.of(sender.providerName())).containsExactly("twilio");
	}

	private SmsDeliveryException sendExpectingFailure() {
		SmsDeliveryException ex = catchThrowableOfType(SmsDeliveryException.class,
				() -> sender.send(new SmsMessage(NUMBER, CODE_TEXT)));
		assertThat(ex).as("SmsDeliveryException").isNotNull();
		return ex;
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
