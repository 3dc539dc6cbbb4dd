package dev.smsauth.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The environment variables an application reads: the {@code ${NAME}} placeholders of its
 * application*.yml, and the environment-variable forms (Spring Boot's relaxed binding) of the
 * properties it sets there and of every property Spring Boot itself documents.
 */
final class ApplicationSettings {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)");

	/** Every property in the configuration metadata of the Spring Boot jars on the test classpath. */
	static final Set<String> BOOT_PROPERTIES = loadBootProperties();

	private final Set<String> names = new TreeSet<>();

	private ApplicationSettings() {
	}

	/** What the application whose application*.yml files are in {@code resources} reads. */
	static ApplicationSettings of(Path resources) {
		ApplicationSettings settings = new ApplicationSettings();
		for (Path yml : InfraFiles.files(resources, ".yml", ".yaml")) {
			if (!yml.getFileName().toString().startsWith("application")) {
				continue;
			}
			Matcher placeholder = PLACEHOLDER.matcher(InfraFiles.read(yml));
			while (placeholder.find()) {
				settings.names.add(placeholder.group(1));
			}
			for (Object document : InfraFiles.yamlDocuments(yml)) {
				flatten("", document).forEach(property -> settings.names.addAll(environmentNames(property)));
			}
		}
		BOOT_PROPERTIES.forEach(property -> settings.names.addAll(environmentNames(property)));
		return settings;
	}

	boolean reads(String environmentVariable) {
		return this.names.contains(environmentVariable);
	}

	/**
	 * The environment variables that bind to a property: upper case, dots to underscores, dashes
	 * removed (server.forward-headers-strategy: SERVER_FORWARDHEADERSSTRATEGY) or, in the legacy
	 * form Boot also accepts, turned into underscores (SERVER_FORWARD_HEADERS_STRATEGY).
	 */
	static Set<String> environmentNames(String property) {
		String upper = property.toUpperCase(Locale.ROOT).replace('.', '_');
		return Set.copyOf(List.of(upper.replace("-", ""), upper.replace('-', '_')));
	}

	private static Set<String> flatten(String prefix, Object node) {
		Set<String> properties = new TreeSet<>();
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> properties.addAll(flatten(prefix.isEmpty() ? String.valueOf(key)
					: prefix + "." + key, value)));
		}
		else if (!prefix.isEmpty()) {
			properties.add(prefix);
		}
		return properties;
	}

	private static Set<String> loadBootProperties() {
		Set<String> properties = new TreeSet<>();
		JsonMapper json = JsonMapper.builder().build();
		try {
			for (URL url : Collections.list(ApplicationSettings.class.getClassLoader()
				.getResources("META-INF/spring-configuration-metadata.json"))) {
				try (InputStream in = url.openStream()) {
					for (JsonNode property : json.readTree(in).path("properties")) {
						properties.add(property.path("name").asString());
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (!properties.contains("server.forward-headers-strategy") || !properties.contains("spring.profiles.active")) {
			throw new IllegalStateException("Spring Boot's configuration metadata is not on the test classpath");
		}
		return Collections.unmodifiableSet(properties);
	}

}
