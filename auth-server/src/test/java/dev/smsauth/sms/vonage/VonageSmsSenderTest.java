package dev.smsauth.sms.vonage;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import dev.smsauth.sms.SmsDeliveryException;
import dev.smsauth.sms.SmsMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.smsauth.sms.vonage.VonageFake.accepted;
import static dev.smsauth.sms.vonage.VonageFake.acceptedPart;
import static dev.smsauth.sms.vonage.VonageFake.properties;
import static dev.smsauth.sms.vonage.VonageFake.refused;
import static dev.smsauth.sms.vonage.VonageFake.refusedPart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Drives the real Vonage SDK against a WireMock stand-in for the SMS API. */
class VonageSmsSenderTest {

	private static final String NUMBER = "+447700900123";

	private static final String VONAGE_NUMBER = "447700900123";

	private static final String MASKED = "+44 ••• ••• 0123";

	private static final String CODE_TEXT = "Your code is 482913";

	// Generous so that a cold JVM on a small machine never trips it; the slow-provider test sets its own.
	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static WireMockServer vonage;

	private VonageSmsSender sender;

	@BeforeAll
	static void startFake() {
		vonage = VonageFake.start();
	}

	@AfterAll
	static void stopFake() {
		vonage.stop();
	}

	@BeforeEach
	void createSender() {
		vonage.resetAll();
		sender = new VonageSmsSender(properties(vonage.baseUrl(), TIMEOUT));
	}

	@AfterEach
	void closeSender() {
		sender.close();
	}

	@Test
	void whenProviderAcceptsThenOneFormPostCarriesCredentialsSenderNumberAndText() {
		vonage.stubFor(post("/sms/json").willReturn(okJson(accepted(VONAGE_NUMBER, "0A0000000123ABCD1"))));

		sender.send(new SmsMessage(NUMBER, CODE_TEXT));

		// SDK 9 sends the key and secret as HTTP Basic auth, not as api_key/api_secret form fields.
		vonage.verify(1, postRequestedFor(urlPathEqualTo("/sms/json"))
			.withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
			.withBasicAuth(new BasicCredentials(VonageFake.API_KEY, VonageFake.API_SECRET))
			.withFormParam("from", equalTo(VonageFake.FROM))
			.withFormParam("to", equalTo(VONAGE_NUMBER))
			.withFormParam("text", equalTo(CODE_TEXT))
			.withFormParam("type", equalTo("text"))
			.withRequestBody(notContaining(VonageFake.API_SECRET)));
	}

	@Test
	void whenTextIsChineseThenItIsSentAsUnicode() {
		String chinese = "您的验证码是 482913";
		vonage.stubFor(post("/sms/json").willReturn(okJson(accepted("8613800138000", "0A0000000123ABCD2"))));

		sender.send(new SmsMessage("+8613800138000", chinese));

		vonage.verify(1, postRequestedFor(urlPathEqualTo("/sms/json"))
			.withFormParam("to", equalTo("8613800138000"))
			.withFormParam("text", equalTo(chinese))
			.withFormParam("type", equalTo("unicode")));
	}

	@Test
	void whenProviderRejectsCredentialsInsideHttp200ThenNotRetryableAndMessageNamesStatusAndMaskedNumber() {
		vonage.stubFor(post("/sms/json").willReturn(okJson(refused(VONAGE_NUMBER, 4, "Bad Credentials"))));

		SmsDeliveryException ex = sendExpectingFailure();

		assertThat(ex.isRetryable()).isFalse();
		assertThat(ex.getMessage()).contains("INVALID_CREDENTIALS", MASKED)
			.doesNotContain("482913")
			.doesNotContain(VONAGE_NUMBER);
	}

	@Test
	void whenProviderThrottlesThenRetryable() {
		vonage.stubFor(post("/sms/json").willReturn(okJson(refused(VONAGE_NUMBER, 1, "Throughput Rate Exceeded"))));

		SmsDeliveryException ex = sendExpectingFailure();

		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getMessage()).contains("THROTTLED");
	}

	@Test
	void whenProviderBarsTheNumberThenNotRetryable() {
		vonage.stubFor(post("/sms/json").willReturn(okJson(refused(VONAGE_NUMBER, 7, "Number barred"))));

		SmsDeliveryException ex = sendExpectingFailure();

		assertThat(ex.isRetryable()).isFalse();
		assertThat(ex.getMessage()).contains("NUMBER_BARRED");
	}

	@Test
	void whenALaterPartOfALongMessageFailsThenTheSendFails() {
		String body = """
				{"message-count":"2","messages":[%s,%s]}""".formatted(acceptedPart(VONAGE_NUMBER, "0A01"),
				refusedPart(VONAGE_NUMBER, 5, "Internal Error"));
		vonage.stubFor(post("/sms/json").willReturn(okJson(body)));

		SmsDeliveryException ex = sendExpectingFailure();

		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getMessage()).contains("INTERNAL_ERROR");
	}

	@Test
	void whenProviderAnswersHttp500ThenRetryable() {
		vonage.stubFor(post("/sms/json").willReturn(aResponse().withStatus(500).withBody("{\"error\":\"boom\"}")));

		SmsDeliveryException ex = sendExpectingFailure();

		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getMessage()).contains("HTTP 500", MASKED);
	}

	@Test
	void whenProviderAnswersHttp401ThenNotRetryable() {
		vonage.stubFor(post("/sms/json").willReturn(aResponse().withStatus(401).withBody("Unauthorized")));

		SmsDeliveryException ex = sendExpectingFailure();

		assertThat(ex.isRetryable()).isFalse();
		assertThat(ex.getMessage()).contains("HTTP 401");
	}

	@Test
	void whenProviderAnswersSomethingUnreadableThenRetryable() {
		vonage.stubFor(post("/sms/json").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/html")
			.withBody("<html>maintenance</html>")));

		SmsDeliveryException ex = sendExpectingFailure();

		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getMessage()).contains("unreadable").doesNotContain("maintenance");
	}

	@Test
	void whenProviderIsSlowerThanTheTimeoutThenRetryableWithinTwoSeconds() {
		vonage.stubFor(post("/sms/json")
			.willReturn(okJson(accepted(VONAGE_NUMBER, "0A0000000123ABCD3")).withFixedDelay(3_000)));
		try (VonageSmsSender impatient = new VonageSmsSender(properties(vonage.baseUrl(), Duration.ofMillis(300)))) {
			long start = System.nanoTime();

			SmsDeliveryException ex = catchThrowableOfType(SmsDeliveryException.class,
					() -> impatient.send(new SmsMessage(NUMBER, CODE_TEXT)));

			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			assertThat(ex).isNotNull();
			assertThat(ex.isRetryable()).isTrue();
			// A correctness bound on the 300 ms timeout, not a benchmark: without it the call takes 3 s.
			assertThat(elapsed).isLessThan(Duration.ofSeconds(2));
		}
	}

	@Test
	void whenConnectionIsRefusedThenRetryable() throws IOException {
		try (VonageSmsSender unreachable = new VonageSmsSender(
				properties("http://127.0.0.1:" + closedPort(), TIMEOUT))) {

			SmsDeliveryException ex = catchThrowableOfType(SmsDeliveryException.class,
					() -> unreachable.send(new SmsMessage(NUMBER, CODE_TEXT)));

			assertThat(ex).isNotNull();
			assertThat(ex.isRetryable()).isTrue();
			assertThat(ex.getMessage()).contains("could not be reached", MASKED);
		}
	}

	@Test
	void providerNameIsVonage() {
		assertThat(sender.providerName()).isEqualTo("vonage");
	}

	private SmsDeliveryException sendExpectingFailure() {
		SmsDeliveryException ex = catchThrowableOfType(SmsDeliveryException.class,
				() -> sender.send(new SmsMessage(NUMBER, CODE_TEXT)));
		assertThat(ex).as("SmsDeliveryException").isNotNull();
		return ex;
	}

	/** A loopback port that nothing listens on: bound once by us, then released. */
	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
