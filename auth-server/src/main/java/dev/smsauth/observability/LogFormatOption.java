package dev.smsauth.observability;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code LOG_FORMAT=json} switches the console to JSON lines (Spring Boot's structured logging in
 * the Elastic Common Schema, which carries the MDC, so every line of a request has its
 * {@code requestId}). {@code plain} or unset keeps the human format. It runs before logging is set
 * up, and an explicit {@code logging.structured.format.console} (e.g. {@code logstash}) wins.
 */
public final class LogFormatOption implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "LOG_FORMAT";

	static final String JSON_FORMAT = "ecs";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String format = environment.getProperty(PROPERTY, "").strip().toLowerCase(Locale.ROOT);
		switch (format) {
			case "", "plain" -> {
			}
			case "json" -> environment.getPropertySources()
				.addLast(new MapPropertySource("logFormatOption", Map.of("logging.structured.format.console", JSON_FORMAT)));
			default -> throw new IllegalArgumentException(PROPERTY + " must be 'json' or 'plain', not '" + format + "'");
		}
	}

	/** After the configuration files are read, so LOG_FORMAT may be set there too. */
	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

}
