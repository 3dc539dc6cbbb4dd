package dev.smsauth.observability;

import java.util.List;
import java.util.UUID;

import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.SignInFlow;
import dev.smsauth.support.StartedServer;
import dev.smsauth.support.TestBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code LOG_FORMAT=json} on a server of its own: a log line written while serving a request is one
 * JSON object that carries the request's id, the same as the response's {@code X-Request-Id}.
 */
@ExtendWith(OutputCaptureExtension.class)
class JsonLogsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Logback is configured once per JVM: when another test's server started first, Spring Boot
	 * would keep that configuration. Clearing it lets this server's start apply its own format.
	 */
	@BeforeEach
	void loggingNotYetConfigured() {
		LoggingSystem.get(getClass().getClassLoader()).cleanUp();
	}

	@Test
	void whenLogFormatJsonThenLinesAreJsonWithTheRequestId(CapturedOutput output) {
		String phone = "+14155550188";
		TestBrowser.Page sent;
		try (StartedServer server = StartedServer.start(List.of(), "--LOG_FORMAT=json",
				"--spring.datasource.url=jdbc:h2:mem:json-logs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
			ManagementClient admin = new ManagementClient(server.base());
			JsonNode app = admin.createApplication("{\"name\":\"Json\",\"redirectUris\":[\"https://rp.example.com/cb\"],"
					+ "\"scopes\":[\"openid\"],\"mfa\":{\"sms\":true}}");
			admin.createUser("json-logs", phone, "json-logs-password");
			TestBrowser browser = new TestBrowser(server.base());
			SignInFlow flow = new SignInFlow(browser, app.get("clientId").asString(), "https://rp.example.com/cb");
			flow.authorize();
			browser.next(flow.signIn("json-logs", "json-logs-password"));
			sent = flow.sendCode();
		}

		String requestId = sent.header("X-Request-Id");
		assertThat(requestId).isNotBlank();
		JsonNode line = output.getOut()
			.lines()
			// Other servers of earlier tests may still live in this JVM and log in their own format;
			// the line that counts is the JSON one of this server.
			.filter(l -> l.startsWith("{") && l.contains("SMS code sent"))
			.map(JSON::readTree)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no JSON line for the SMS send in:\n" + output.getOut()));
		assertThat(line.get("requestId").asString()).isEqualTo(requestId);
		assertThat(line.get("message").asString()).startsWith("SMS code sent to +1 ••• ••• ");
	}

	/** Logging is one per JVM: the test contexts that run next get their plain lines back. */
	@AfterEach
	void plainLogsAgain(CapturedOutput output) {
		System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.cleanUp();
		logging.beforeInitialize();
		logging.initialize(new LoggingInitializationContext(new StandardEnvironment()), null, null);
		int mark = output.getOut().length();
		LoggerFactory.getLogger(JsonLogsTests.class).info("plain again");
		assertThat(output.getOut().substring(mark)).contains("plain again").doesNotContain("{\"");
	}

}
