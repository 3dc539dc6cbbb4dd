package dev.smsauth.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The repository's {@code infra/} folder and its YAML files. Maven runs the tests with the module
 * as working directory, so the repository root is {@code ..}; an IDE may use the root itself.
 */
final class InfraFiles {

	static final Path ROOT = findRoot();

	static final Path INFRA = ROOT.resolve("infra");

	static final Path K8S = INFRA.resolve("k8s");

	static final Path COMPOSE = INFRA.resolve("compose");

	static final Path DOCKER = INFRA.resolve("docker");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private InfraFiles() {
	}

	private static Path findRoot() {
		for (Path candidate : List.of(Path.of(".."), Path.of("."))) {
			if (Files.isDirectory(candidate.resolve("infra")) && Files.isRegularFile(candidate.resolve("mvnw"))) {
				return candidate.toAbsolutePath().normalize();
			}
		}
		throw new IllegalStateException("No infra/ folder next to mvnw in .. or . (working directory "
				+ Path.of("").toAbsolutePath() + ")");
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every file under {@code dir} (recursively) whose name ends with one of the suffixes, sorted. */
	static List<Path> files(Path dir, String... suffixes) {
		try (Stream<Path> walk = Files.walk(dir)) {
			return walk.filter(Files::isRegularFile)
				.filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The documents of a YAML file (a file may hold several, separated by ---), empty ones left out. */
	static List<Object> yamlDocuments(Path file) {
		return yamlDocuments(read(file));
	}

	static List<Object> yamlDocuments(String text) {
		// SafeConstructor: plain maps, lists and scalars only, never arbitrary classes.
		Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
		List<Object> documents = new ArrayList<>();
		yaml.loadAll(text).forEach(documents::add);
		return documents.stream().filter(Objects::nonNull).toList();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> yamlMap(Path file) {
		List<Object> documents = yamlDocuments(file);
		if (documents.size() != 1 || !(documents.get(0) instanceof Map)) {
			throw new IllegalStateException(file + " should hold exactly one YAML mapping");
		}
		return (Map<String, Object>) documents.get(0);
	}

	static JsonNode json(Object yamlDocument) {
		return JSON.valueToTree(yamlDocument);
	}

	/** The documents of every Kubernetes manifest under infra/k8s, kustomization.yaml included. */
	static List<JsonNode> kubernetesObjects() {
		return files(K8S, ".yaml", ".yml").stream()
			.flatMap(file -> yamlDocuments(file).stream())
			.map(InfraFiles::json)
			.toList();
	}

	/** The single object of that kind and name under infra/k8s. */
	static JsonNode kubernetesObject(String kind, String name) {
		List<JsonNode> found = kubernetesObjects().stream()
			.filter(o -> kind.equals(o.path("kind").asString()) && name.equals(o.path("metadata").path("name").asString()))
			.toList();
		if (found.size() != 1) {
			throw new IllegalStateException("Expected one " + kind + " named " + name + " under infra/k8s, found "
					+ found.size());
		}
		return found.get(0);
	}

	static JsonNode compose() {
		return json(yamlMap(COMPOSE.resolve("docker-compose.yml")));
	}

}
