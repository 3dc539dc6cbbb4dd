package dev.smsauth.sms.vonage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

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
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.smsauth.sms.vonage.VonageFake.accepted;
import static dev.smsauth.sms.vonage.VonageFake.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one-time code must reach no log, even with every logger involved turned up to its most verbose,
 * as an operator chasing a delivery problem might do at runtime. Three nets: the console, every
 * Logback event (our SLF4J logs and Apache HttpClient's, through commons-logging), and every record
 * of the SDK's java.util.logging loggers.
 */
@ExtendWith(OutputCaptureExtension.class)
class VonageSmsSenderLoggingTest {

	private static final String NUMBER = "+447700900123";

	private static final String CODE = "482913";

	private static final String CODE_TEXT = "Your code is " + CODE;

	private static final String BASIC_TOKEN = Base64.getEncoder()
		.encodeToString((VonageFake.API_KEY + ":" + VonageFake.API_SECRET).getBytes(StandardCharsets.UTF_8));

	// Loggers whose levels this test raises; Logback loggers are held strongly by their context.
	private static final List<String> LOGBACK_LOGGERS = List.of("org.apache.http", "com.vonage",
			"dev.smsauth.sms.vonage");

	private final WireMockServer vonage = VonageFake.start();

	private final ListAppender<ILoggingEvent> logbackEvents = new ListAppender<>();

	private final List<String> julRecords = Collections.synchronizedList(new ArrayList<>());

	// Strong reference: JUL holds loggers weakly, and with them the handler and levels set here.
	private final java.util.logging.Logger julSdkRoot = java.util.logging.Logger.getLogger("com.vonage");

	private final Handler julCapture = new Handler() {
		private final SimpleFormatter formatter = new SimpleFormatter();

		@Override
		public void publish(LogRecord record) {
			julRecords.add(formatter.format(record));
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}
	};

	private final Map<String, Level> previousLogbackLevels = new HashMap<>();

	private final Map<java.util.logging.Logger, java.util.logging.Level> previousJulLevels = new HashMap<>();

	private VonageSmsSender sender;

	@BeforeEach
	void captureEverything() {
		logbackEvents.start();
		logbackRoot().addAppender(logbackEvents);
		for (String name : LOGBACK_LOGGERS) {
			ch.qos.logback.classic.Logger logger = logback(name);
			previousLogbackLevels.put(name, logger.getLevel());
			logger.setLevel(Level.TRACE);
		}
		julCapture.setLevel(java.util.logging.Level.ALL);
		julSdkRoot.addHandler(julCapture);
		sender = new VonageSmsSender(properties(vonage.baseUrl(), Duration.ofSeconds(5)));
		turnSdkJulLoggersUpToAll();
	}

	@AfterEach
	void restoreLogging() {
		sender.close();
		vonage.stop();
		julSdkRoot.removeHandler(julCapture);
		previousJulLevels.forEach(java.util.logging.Logger::setLevel);
		previousLogbackLevels.forEach((name, level) -> logback(name).setLevel(level));
		logbackRoot().detachAppender(logbackEvents);
	}

	@Test
	void whenSendsSucceedAndFailThenTheCodeAndSecretReachNoLog(CapturedOutput output) {
		SmsMessage message = new SmsMessage(NUMBER, CODE_TEXT);
		vonage.stubFor(post("/sms/json").willReturn(okJson(accepted("447700900123", "0A0000000123ABCD1"))));
		sender.send(message);
		// A provider error page that echoes the request: the SDK logs such a body at WARNING.
		vonage.stubFor(post("/sms/json").willReturn(aResponse().withStatus(500)
			.withBody("<html>Bad request: from=SmsAuth&text=" + CODE_TEXT + "</html>")));
		assertThatThrownBy(() -> sender.send(message)).isInstanceOf(SmsDeliveryException.class);

		// The nets work: our own line for the accepted message was caught.
		assertThat(logbackMessages()).anyMatch(line -> line.contains("+44 ••• ••• 0123")
				&& line.contains("0A0000000123ABCD1"));
		String everything = output.getAll() + String.join("\n", logbackMessages()) + String.join("\n", julRecords);
		assertThat(everything).doesNotContain(CODE)
			.doesNotContain(VonageFake.API_SECRET)
			.doesNotContain(BASIC_TOKEN);
	}

	/** What an operator could do through actuator's loggers endpoint after startup. */
	private void turnSdkJulLoggersUpToAll() {
		for (String name : Collections.list(LogManager.getLogManager().getLoggerNames())) {
			if (name.startsWith("com.vonage")) {
				java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
				previousJulLevels.put(logger, logger.getLevel());
				logger.setLevel(java.util.logging.Level.ALL);
			}
		}
	}

	private List<String> logbackMessages() {
		synchronized (logbackEvents.list) {
			return logbackEvents.list.stream()
				.map(event -> event.getLoggerName() + " " + event.getFormattedMessage()
						+ (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())))
				.toList();
		}
	}

	private static ch.qos.logback.classic.Logger logback(String name) {
		return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name);
	}

	private static ch.qos.logback.classic.Logger logbackRoot() {
		return logback(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

}
