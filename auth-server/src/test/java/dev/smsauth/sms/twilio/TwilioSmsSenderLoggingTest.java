package dev.smsauth.sms.twilio;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.smsauth.sms.SmsDeliveryException;
import dev.smsauth.sms.SmsMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The code, the full number and the credentials reach no log, with every logger involved turned up
 * to TRACE as an operator chasing a delivery problem might: the Twilio SDK's own (it logs requests
 * at DEBUG), Apache HttpClient 5's (not used by our transport, but on the class path) and ours.
 */
@ExtendWith(OutputCaptureExtension.class)
class TwilioSmsSenderLoggingTest {

	private static final String NUMBER = "+447700900123";

	private static final String CODE = "482913";

	private static final String BASIC_TOKEN = Base64.getEncoder()
		.encodeToString((TwilioFake.ACCOUNT_SID + ":" + TwilioFake.AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));

	private static final List<String> LOGGERS = List.of("com.twilio", "org.apache.hc", "dev.smsauth.sms.twilio");

	private final WireMockServer twilio = TwilioFake.start();

	private final ListAppender<ILoggingEvent> events = new ListAppender<>();

	private final Map<String, Level> previousLevels = new HashMap<>();

	@BeforeEach
	void captureEverything() {
		events.start();
		root().addAppender(events);
		for (String name : LOGGERS) {
			ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name);
			previousLevels.put(name, logger.getLevel());
			logger.setLevel(Level.TRACE);
		}
	}

	@AfterEach
	void restore() {
		twilio.stop();
		previousLevels.forEach((name, level) -> ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name)).setLevel(level));
		root().detachAppender(events);
	}

	@Test
	void whenSendsSucceedAndFailThenTheCodeNumberAndTokenReachNoLog(CapturedOutput output) {
		TwilioSmsSender sender = new TwilioSmsSender(TwilioFake.properties(twilio.baseUrl(), Duration.ofSeconds(5)),
				URI.create("https://auth.example.test/sms/receipts/twilio"));
		twilio.stubFor(TwilioFake.messages()
			.willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody(TwilioFake.accepted(NUMBER, "SMlog1", "1", null).replace("(text)", CODE))));
		sender.send(new SmsMessage(NUMBER, CODE + " is your code"));

		twilio.resetAll();
		twilio.stubFor(TwilioFake.messages()
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"code\":21211,\"message\":\"The 'To' number " + NUMBER + " is not valid (" + CODE
						+ ")\",\"status\":400}")));
		assertThatThrownBy(() -> sender.send(new SmsMessage(NUMBER, CODE + " is your code")))
			.isInstanceOf(SmsDeliveryException.class);

		StringBuilder logged = new StringBuilder(output.getAll());
		for (ILoggingEvent event : events.list) {
			logged.append(event.getFormattedMessage()).append('\n');
			if (event.getThrowableProxy() != null) {
				logged.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
			}
		}
		assertThat(events.list).as("the sender's own outcome lines").isNotEmpty();
		assertThat(logged.toString()).doesNotContain(CODE)
			.doesNotContain(NUMBER)
			.doesNotContain("447700900123")
			.doesNotContain(TwilioFake.AUTH_TOKEN)
			.doesNotContain(BASIC_TOKEN);
	}

	private static ch.qos.logback.classic.Logger root() {
		return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

}
