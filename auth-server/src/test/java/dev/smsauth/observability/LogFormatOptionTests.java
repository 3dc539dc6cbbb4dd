package dev.smsauth.observability;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LogFormatOptionTests {

	@Test
	void whenJsonThenStructuredEcsConsole() {
		assertThat(apply(new MockEnvironment().withProperty("LOG_FORMAT", "json")).getProperty("logging.structured.format.console"))
			.isEqualTo("ecs");
	}

	@Test
	void whenUnsetOrPlainThenPlainConsole() {
		assertThat(apply(new MockEnvironment()).getProperty("logging.structured.format.console")).isNull();
		assertThat(apply(new MockEnvironment().withProperty("LOG_FORMAT", "plain")).getProperty("logging.structured.format.console"))
			.isNull();
	}

	@Test
	void whenExplicitFormatAlsoSetThenItWins() {
		MockEnvironment environment = new MockEnvironment().withProperty("LOG_FORMAT", "json")
			.withProperty("logging.structured.format.console", "logstash");
		assertThat(apply(environment).getProperty("logging.structured.format.console")).isEqualTo("logstash");
	}

	@Test
	void whenUnknownThenStartRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> apply(new MockEnvironment().withProperty("LOG_FORMAT", "xml")))
			.withMessageContaining("LOG_FORMAT must be 'json' or 'plain'");
	}

	private static MockEnvironment apply(MockEnvironment environment) {
		new LogFormatOption().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}
