package dev.smsauth.infra;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The deployment files under infra/ parse, match the hand-written schemas in
 * src/test/resources/infra-schemas (the fields the deployment relies on), agree with each other,
 * and pass the applications only environment variables they read.
 */
class InfraFilesTests {

	/**
	 * Settings the auth server reads in code rather than through an application*.yml placeholder:
	 * LOG_FORMAT is read by observability.LogFormatOption before logging starts.
	 */
	static final Set<String> AUTH_SERVER_PENDING = Set.of("LOG_FORMAT");

	/** Without these the stack must not start: Compose fails when they are missing or empty. */
	static final Set<String> REQUIRED_SECRETS = Set.of("DB_PASSWORD", "MYSQL_ROOT_PASSWORD", "AUTH_SMS_CODE_HMAC_KEY",
			"AUTH_KEYS_ENCRYPTION_KEY", "MANAGEMENT_CLIENT_SECRET");

	/** What the auth server needs in production, wherever it runs. */
	static final Set<String> AUTH_SERVER_REQUIRED = Set.of("SPRING_PROFILES_ACTIVE", "SERVER_FORWARDHEADERSSTRATEGY",
			"ISSUER", "DB_URL", "DB_USERNAME", "DB_PASSWORD", "AUTH_SMS_CODE_HMAC_KEY", "AUTH_KEYS_ENCRYPTION_KEY",
			"MANAGEMENT_CLIENT_SECRET", "AUTH_SMS_PROVIDER");

	static final Pattern COMPOSE_VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?[^}]*}");

	static final Pattern BARE_VARIABLE = Pattern.compile("\\$[A-Za-z_]");

	static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	@Test
	void whenAnyYamlFileUnderInfraIsReadThenItParsesIntoMappings() {
		List<Path> files = InfraFiles.files(InfraFiles.INFRA, ".yml", ".yaml");
		assertThat(files).extracting(p -> InfraFiles.INFRA.relativize(p).toString().replace('\\', '/'))
			.contains("compose/docker-compose.yml", "k8s/kustomization.yaml", "k8s/auth-server-deployment.yaml",
					"k8s/secret-template.yaml");
		for (Path file : files) {
			List<Object> documents = InfraFiles.yamlDocuments(file);
			assertThat(documents).as(file.toString()).isNotEmpty().allMatch(Map.class::isInstance);
		}
	}

	@Test
	void whenKubernetesObjectsAreCheckedThenEachMatchesItsSchema() {
		Map<String, List<String>> problems = new TreeMap<>();
		for (JsonNode object : InfraFiles.kubernetesObjects()) {
			String kind = object.path("kind").asString();
			String name = object.path("metadata").path("name").asString(kind);
			List<String> errors = validate(kubernetesSchema(kind, name), object);
			if (!errors.isEmpty()) {
				problems.put(kind + " " + name, errors);
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void whenTheSchemasAreGivenBrokenManifestsThenTheyRefuseThem() {
		JsonNode deployment = InfraFiles.kubernetesObject("Deployment", "auth-server");
		String text = deployment.toString();
		Schema schema = kubernetesSchema("Deployment", "auth-server");
		assertThat(validate(schema, deployment)).isEmpty();
		assertThat(validate(schema, parse(text.replace("\"replicas\":2", "\"replicas\":1")))).isNotEmpty();
		assertThat(validate(schema, parse(text.replace("/actuator/health/readiness", "/actuator/health")))).isNotEmpty();
		assertThat(validate(schema, parse(text.replace("\"runAsNonRoot\":true", "\"runAsNonRoot\":false"))))
			.isNotEmpty();

		JsonNode secret = InfraFiles.kubernetesObject("Secret", "auth-server-secrets");
		assertThat(validate(kubernetesSchema("Secret", "auth-server-secrets"),
				parse(secret.toString().replace("\"<base64: MySQL password>\"", "\"c2VjcmV0\""))))
			.as("a Secret template holding a real (base64) value")
			.isNotEmpty();
	}

	@Test
	void whenKustomizeBuildsThenItTakesEveryManifestExceptTheSecretTemplate() {
		JsonNode kustomization = InfraFiles.json(InfraFiles.yamlMap(InfraFiles.K8S.resolve("kustomization.yaml")));
		Set<String> listed = new TreeSet<>();
		kustomization.path("resources").forEach(r -> listed.add(r.asString()));

		Set<String> manifests = new TreeSet<>();
		InfraFiles.files(InfraFiles.K8S, ".yaml", ".yml").forEach(p -> manifests.add(p.getFileName().toString()));
		manifests.removeAll(Set.of("kustomization.yaml", "secret-template.yaml"));

		assertThat(listed).isEqualTo(manifests).doesNotContain("secret-template.yaml");
	}

	/** Only where kubectl is installed (it is not a Debian package of a useful age); skipped elsewhere, CI included. */
	@Test
	void whenKubectlIsInstalledThenKustomizeBuildsTheManifestsIntoOneNamespace() throws Exception {
		Path kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.map(dir -> Path.of(dir, "kubectl"))
			.filter(Files::isExecutable)
			.findFirst()
			.orElse(null);
		assumeTrue(kubectl != null, "kubectl is not installed; kustomization.yaml is checked by the schema tests only");
		Process process = new ProcessBuilder(kubectl.toString(), "kustomize", InfraFiles.K8S.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();

		List<JsonNode> objects = InfraFiles.yamlDocuments(output).stream().map(InfraFiles::json).toList();
		assertThat(objects).extracting(o -> o.path("kind").asString())
			.containsExactlyInAnyOrder("Namespace", "ConfigMap", "ConfigMap", "Service", "Service", "Deployment",
					"Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Ingress");
		assertThat(objects).filteredOn(o -> !o.path("kind").asString().equals("Namespace"))
			.allSatisfy(o -> assertThat(o.at("/metadata/namespace").asString()).isEqualTo("smsauth"));
	}

	@Test
	void whenObjectsReferToEachOtherThenTheNamesAndLabelsMatch() {
		JsonNode auth = InfraFiles.kubernetesObject("Deployment", "auth-server");
		JsonNode demo = InfraFiles.kubernetesObject("Deployment", "demo-client");
		for (JsonNode deployment : List.of(auth, demo)) {
			assertThat(labels(deployment.at("/spec/template/metadata/labels")))
				.containsAllEntriesOf(labels(deployment.at("/spec/selector/matchLabels")));
		}
		Map<String, String> authPods = labels(auth.at("/spec/template/metadata/labels"));

		JsonNode service = InfraFiles.kubernetesObject("Service", "auth-server");
		assertThat(authPods).containsAllEntriesOf(labels(service.at("/spec/selector")));
		assertThat(service.at("/spec/ports/0/targetPort").asString())
			.isEqualTo(auth.at("/spec/template/spec/containers/0/ports/0/name").asString());
		assertThat(labels(demo.at("/spec/template/metadata/labels")))
			.containsAllEntriesOf(labels(InfraFiles.kubernetesObject("Service", "demo-client").at("/spec/selector")));

		assertThat(InfraFiles.kubernetesObject("HorizontalPodAutoscaler", "auth-server").at("/spec/scaleTargetRef/name")
			.asString()).isEqualTo("auth-server");
		JsonNode hpa = InfraFiles.kubernetesObject("HorizontalPodAutoscaler", "auth-server");
		assertThat(hpa.at("/spec/maxReplicas").asInt()).isGreaterThanOrEqualTo(hpa.at("/spec/minReplicas").asInt());
		assertThat(authPods).containsAllEntriesOf(
				labels(InfraFiles.kubernetesObject("PodDisruptionBudget", "auth-server").at("/spec/selector/matchLabels")));

		JsonNode ingress = InfraFiles.kubernetesObject("Ingress", "auth-server");
		JsonNode backend = ingress.at("/spec/rules/0/http/paths/0/backend/service");
		assertThat(backend.path("name").asString()).isEqualTo("auth-server");
		assertThat(backend.at("/port/name").asString()).isEqualTo(service.at("/spec/ports/0/name").asString());
		String issuer = InfraFiles.kubernetesObject("ConfigMap", "auth-server-config").at("/data/ISSUER").asString();
		assertThat(issuer).isEqualTo("https://" + ingress.at("/spec/rules/0/host").asString());
		assertThat(ingress.at("/spec/tls/0/hosts/0").asString()).isEqualTo(ingress.at("/spec/rules/0/host").asString());

		for (JsonNode deployment : List.of(auth, demo)) {
			for (JsonNode source : deployment.at("/spec/template/spec/containers/0/envFrom")) {
				String kind = source.has("configMapRef") ? "ConfigMap" : "Secret";
				String name = source.path(source.has("configMapRef") ? "configMapRef" : "secretRef").path("name").asString();
				assertThat(InfraFiles.kubernetesObject(kind, name)).as(kind + " " + name).isNotNull();
			}
		}
	}

	@Test
	void whenTheImagesRunInKubernetesThenUserAndPortsAgreeWithTheDockerfiles() {
		for (String app : List.of("auth-server", "demo-client")) {
			Dockerfile dockerfile = Dockerfile.read(InfraFiles.DOCKER.resolve(app + ".Dockerfile"));
			JsonNode pod = InfraFiles.kubernetesObject("Deployment", app).at("/spec/template/spec");
			assertThat(dockerfile.user()).as(app).isEqualTo(pod.at("/securityContext/runAsUser").asInt() + ":"
					+ pod.at("/securityContext/runAsGroup").asInt());
			assertThat(dockerfile.exposedPorts()).as(app)
				.containsExactly(pod.at("/containers/0/ports/0/containerPort").asInt());
		}
	}

	@Test
	void whenComposeIsCheckedThenItMatchesItsSchemaAndItsPartsAgree() {
		JsonNode compose = InfraFiles.compose();
		assertThat(validate(schema("compose.json"), compose)).isEmpty();

		JsonNode services = compose.path("services");
		assertThat(services.path("auth-1")).as("auth-2 is configured exactly like auth-1 but for depends_on")
			.isEqualTo(withPropertyOf(services.path("auth-2"), "depends_on", services.path("auth-1")));
		JsonNode auth = services.at("/auth-1/environment");
		JsonNode mysql = services.at("/mysql/environment");
		assertThat(mysql.path("MYSQL_USER").asString()).isEqualTo(auth.path("DB_USERNAME").asString());
		assertThat(variables(mysql.path("MYSQL_PASSWORD").asString())).containsExactly("DB_PASSWORD");
		assertThat(variables(auth.path("DB_PASSWORD").asString())).containsExactly("DB_PASSWORD");
		assertThat(auth.path("DB_URL").asString()).contains("/" + mysql.path("MYSQL_DATABASE").asString() + "?");

		// The issuer is the URL nginx answers on, for browsers and for the demo client alike.
		String issuer = auth.path("ISSUER").asString();
		assertThat(services.at("/demo-client/environment/ISSUER").asString()).isEqualTo(issuer);
		Matcher url = Pattern.compile("^http://([^:/]+):(\\d+)$").matcher(issuer);
		assertThat(url.matches()).as(issuer).isTrue();
		assertThat(services.at("/nginx/networks/default/aliases")).extracting(JsonNode::asString).contains(url.group(1));
		assertThat(services.at("/nginx/ports")).extracting(JsonNode::asString)
			.contains(url.group(2) + ":" + url.group(2));
		String nginx = InfraFiles.read(InfraFiles.COMPOSE.resolve("nginx.conf"));
		assertThat(nginx).contains("listen " + url.group(2) + ";", "server_name " + url.group(1) + ";");
	}

	@Test
	void whenAComposeVariableIsMissingThenComposeFailsUnlessItHasADefault() {
		Map<String, Set<String>> operators = composeVariables();
		assertThat(operators).isNotEmpty();
		Set<String> secrets = secretNames();
		secrets.add("MYSQL_ROOT_PASSWORD");
		operators.forEach((name, ops) -> {
			assertThat(ops).as("${%s} must fail when missing (:? or ?) or name a default (:-)", name)
				.allMatch(op -> Set.of(":?", "?", ":-", "-").contains(op));
			if (secrets.contains(name)) {
				assertThat(ops).as("secret %s must have no default", name).noneMatch(op -> op.endsWith("-"));
			}
			if (REQUIRED_SECRETS.contains(name)) {
				assertThat(ops).as("%s must also fail when empty (:?)", name).containsOnly(":?");
			}
		});
		assertThat(operators.keySet()).containsAll(REQUIRED_SECRETS);
		assertThat(BARE_VARIABLE.matcher(InfraFiles.compose().toString().replace("$$", "")).find())
			.as("a $NAME without braces in docker-compose.yml").isFalse();
	}

	@Test
	void whenEnvExampleIsCopiedThenItHasALineForEveryVariableAndNoSecretValues() {
		Map<String, String> example = new LinkedHashMap<>();
		for (String line : InfraFiles.read(InfraFiles.COMPOSE.resolve(".env.example")).split("\n")) {
			if (!line.isBlank() && !line.startsWith("#")) {
				example.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
			}
		}
		assertThat(example.keySet()).containsExactlyInAnyOrderElementsOf(composeVariables().keySet());
		Set<String> secrets = secretNames();
		secrets.add("MYSQL_ROOT_PASSWORD");
		example.forEach((name, value) -> {
			if (secrets.contains(name)) {
				assertThat(value).as("%s in .env.example", name).isEmpty();
			}
		});
		assertThat(InfraFiles.read(InfraFiles.COMPOSE.resolve(".gitignore")).lines()).contains(".env");
	}

	@Test
	void whenComposeOrKubernetesConfigureTheAuthServerThenItReadsEveryVariable() {
		ApplicationSettings app = ApplicationSettings.of(InfraFiles.ROOT.resolve("auth-server/src/main/resources"));
		Map<String, Set<String>> passed = new TreeMap<>();
		JsonNode services = InfraFiles.compose().path("services");
		for (String service : List.of("auth-1", "auth-2")) {
			services.path(service).path("environment").propertyNames().forEach(n -> note(passed, n, "compose " + service));
		}
		kubernetesEnvironment("auth-server").forEach(n -> note(passed, n, "k8s auth-server"));

		assertThat(passed.keySet()).containsAll(AUTH_SERVER_REQUIRED);
		assertThat(kubernetesEnvironment("auth-server")).containsAll(AUTH_SERVER_REQUIRED);
		Map<String, Set<String>> unknown = new TreeMap<>(passed);
		unknown.keySet().removeIf(name -> app.reads(name) || AUTH_SERVER_PENDING.contains(name));
		assertThat(unknown).as("variables the auth server does not read (a typo?)").isEmpty();
	}

	@Test
	void whenComposeOrKubernetesConfigureTheDemoClientThenItReadsEveryVariable() {
		ApplicationSettings app = ApplicationSettings.of(InfraFiles.ROOT.resolve("demo-client/src/main/resources"));
		Map<String, Set<String>> passed = new TreeMap<>();
		InfraFiles.compose().at("/services/demo-client/environment").propertyNames()
			.forEach(n -> note(passed, n, "compose demo-client"));
		kubernetesEnvironment("demo-client").forEach(n -> note(passed, n, "k8s demo-client"));

		assertThat(passed.keySet()).contains("ISSUER", "DEMO_CLIENTID", "DEMO_CLIENT_SECRET");
		Map<String, Set<String>> unknown = new TreeMap<>(passed);
		unknown.keySet().removeIf(app::reads);
		assertThat(unknown).as("variables the demo client does not read (a typo?)").isEmpty();
	}

	@Test
	void whenTheSettingsCheckMeetsATypoThenItNoticesIt() {
		ApplicationSettings app = ApplicationSettings.of(InfraFiles.ROOT.resolve("auth-server/src/main/resources"));
		assertThat(app.reads("AUTH_SMS_CODE_HMAC_KEY")).isTrue();
		assertThat(app.reads("SERVER_FORWARDHEADERSSTRATEGY")).isTrue();
		assertThat(app.reads("SERVER_FORWARD_HEADERS_STRATEGY")).isTrue();
		assertThat(app.reads("SPRING_PROFILES_ACTIVE")).isTrue();
		assertThat(app.reads("AUTH_SMS_CODE_HMAC")).isFalse();
		assertThat(app.reads("SERVER_FORWARDEDHEADERSSTRATEGY")).isFalse();
		assertThat(app.reads("DB_PASSWORDS")).isFalse();
	}

	@Test
	void whenAnOperatorFollowsTheReadmeThenTheSecretsGetTheKeysOfTheTemplate() {
		Map<String, Set<String>> created = new TreeMap<>();
		String current = null;
		for (String line : InfraFiles.read(InfraFiles.INFRA.resolve("README.md")).split("\n")) {
			Matcher create = Pattern.compile("create secret generic ([a-z0-9-]+)").matcher(line);
			if (create.find()) {
				current = create.group(1);
				created.put(current, new TreeSet<>());
			}
			if (current != null) {
				Matcher literal = Pattern.compile("--from-literal=([A-Z0-9_]+)=").matcher(line);
				while (literal.find()) {
					created.get(current).add(literal.group(1));
				}
				current = line.strip().endsWith("\\") ? current : null;
			}
		}
		assertThat(created).isEqualTo(secretTemplate());
	}

	@Test
	void whenTheDockerfilesAreLintedThenBaseImagesArePinnedAndTheAppRunsUnprivileged() {
		for (Path file : InfraFiles.files(InfraFiles.DOCKER, ".Dockerfile")) {
			Dockerfile dockerfile = Dockerfile.read(file);
			String name = file.getFileName().toString();
			assertThat(dockerfile.baseImages()).as(name).hasSize(2).allSatisfy(image -> {
				assertThat(image).matches("[a-z0-9./_-]+(:[A-Za-z0-9._-]+|@sha256:[0-9a-f]{64})");
				assertThat(image).doesNotEndWith(":latest");
			});
			// Java 25 is the runtime (the classes stay release 17).
			assertThat(dockerfile.baseImages().get(0)).as(name).startsWith("eclipse-temurin:25-jdk");
			assertThat(dockerfile.baseImages().get(1)).as(name).startsWith("eclipse-temurin:25-jre");
			assertThat(dockerfile.user()).as(name).matches("[1-9][0-9]*:[1-9][0-9]*");
			assertThat(dockerfile.exposedPorts()).as(name).hasSize(1);
			assertThat(dockerfile.text()).as(name)
				.contains("./mvnw ", "java -Djarmode=tools -jar", "extract --layers",
						"JAVA_TOOL_OPTIONS=\"-XX:MaxRAMPercentage=", "HEALTHCHECK ");
			for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
				assertThat(dockerfile.text()).as(name).contains("COPY --from=build /layers/" + layer + "/ ./");
			}
		}
		String authServer = Dockerfile.read(InfraFiles.DOCKER.resolve("auth-server.Dockerfile")).text();
		assertThat(authServer).contains("/actuator/health/liveness", "EXPOSE 9000")
			// The AOT cache: the extracted application.jar (no launcher: the JVM's class loader must
			// load the classes), trained in the final stage, used by the entry point.
			.contains("extract --layers --application-filename application.jar ")
			.doesNotContain("--launcher")
			.containsPattern("(?m)^RUN AOT_SETTINGS=\"\\$AOT_SETTINGS\" bash /tmp/aot-cache.sh --extracted /app")
			// Spring's ahead-of-time bean definitions: made in the build stage with AOT_SETTINGS, used
			// at run time, and the cache trained with the same settings (config.BuildTimeBeanSetCheck
			// stops a start whose settings want other beans). Both stages default to what the image runs.
			.contains("\"-Dspring-boot.aot.jvmArguments=${AOT_SETTINGS}\" package")
			.containsPattern("(?m)^ENV JAVA_TOOL_OPTIONS=\"[^\"]*-Dspring\\.aot\\.enabled=true[ \"]")
			// The run-time options name the GC: the JVM's own choice follows the container's memory
			// (Serial under 1,792 MB, else G1), and bench/java.sh reads this line to start the
			// benchmark's server as the image does.
			.containsPattern("(?m)^ENV JAVA_TOOL_OPTIONS=\"[^\"]*-XX:\\+Use(Serial|G1|Parallel|Z|Shenandoah)GC[ \"]")
			.containsPattern("(?m)^ENTRYPOINT \\[\"java\", \"-XX:AOTCache=app.aot\", \"-jar\", \"application.jar\"]$");
		assertThat(authServer.lines().filter(line -> line.startsWith("ARG AOT_SETTINGS=")))
			.containsExactly("ARG AOT_SETTINGS=\"-Dauth.sms.provider=vonage\"", "ARG AOT_SETTINGS=\"-Dauth.sms.provider=vonage\"");
		assertThat(Dockerfile.read(InfraFiles.DOCKER.resolve("demo-client.Dockerfile")).text())
			.containsPattern("(?m)^ENTRYPOINT \\[\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]$");
	}

	@Test
	void whenAnImageIsBuiltThenSecretsAndBuildOutputStayOutOfTheContext() {
		List<String> ignored = InfraFiles.read(InfraFiles.ROOT.resolve(".dockerignore")).lines().toList();
		assertThat(ignored).contains("**/.env", "**/target/", "data/", ".git");
		for (Path file : InfraFiles.files(InfraFiles.DOCKER, ".Dockerfile")) {
			for (String source : Dockerfile.read(file).copiedFromContext()) {
				assertThat(source).as(file.getFileName() + " copies " + source)
					.matches("mvnw|pom\\.xml|\\.mvn/|(auth-server|demo-client)/(pom\\.xml|src/)|infra/aot-cache\\.sh");
			}
		}
		// infra/ is ignored but for the training script, which the auth server's image copies.
		assertThat(ignored).containsSubsequence("infra/", "!infra/aot-cache.sh");
	}

	private static Map<String, String> labels(JsonNode node) {
		Map<String, String> labels = new TreeMap<>();
		node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
		return labels;
	}

	/** A copy of {@code node} with {@code property} replaced by {@code takeFrom}'s. */
	private static JsonNode withPropertyOf(JsonNode node, String property, JsonNode takeFrom) {
		ObjectNode copy = ((ObjectNode) node).deepCopy();
		copy.set(property, takeFrom.path(property));
		return copy;
	}

	private static void note(Map<String, Set<String>> passed, String name, String where) {
		passed.computeIfAbsent(name, n -> new TreeSet<>()).add(where);
	}

	/** The environment a Deployment's container gets: env entries and the keys of its envFrom sources. */
	private static Set<String> kubernetesEnvironment(String deploymentName) {
		JsonNode container = InfraFiles.kubernetesObject("Deployment", deploymentName).at("/spec/template/spec/containers/0");
		Set<String> names = new TreeSet<>();
		container.path("env").forEach(e -> names.add(e.path("name").asString()));
		for (JsonNode source : container.path("envFrom")) {
			JsonNode object = source.has("configMapRef")
					? InfraFiles.kubernetesObject("ConfigMap", source.at("/configMapRef/name").asString())
					: InfraFiles.kubernetesObject("Secret", source.at("/secretRef/name").asString());
			names.addAll(object.path("data").propertyNames());
		}
		return names;
	}

	/** The Secrets of the Secret template: name and keys. */
	private static Map<String, Set<String>> secretTemplate() {
		Map<String, Set<String>> secrets = new TreeMap<>();
		InfraFiles.kubernetesObjects().stream()
			.filter(o -> "Secret".equals(o.path("kind").asString()))
			.forEach(o -> secrets.put(o.at("/metadata/name").asString(), new TreeSet<>(o.path("data").propertyNames())));
		return secrets;
	}

	/** Keys of every Secret in the Secret template. */
	private static Set<String> secretNames() {
		Set<String> names = new TreeSet<>();
		secretTemplate().values().forEach(names::addAll);
		return names;
	}

	/** Every ${NAME...} in the values of docker-compose.yml (comments left out), with the operators used. */
	private static Map<String, Set<String>> composeVariables() {
		Map<String, Set<String>> operators = new TreeMap<>();
		collectVariables(InfraFiles.compose(), operators);
		return operators;
	}

	private static void collectVariables(JsonNode node, Map<String, Set<String>> operators) {
		if (node.isString()) {
			Matcher m = COMPOSE_VARIABLE.matcher(node.asString().replace("$$", ""));
			while (m.find()) {
				operators.computeIfAbsent(m.group(1), n -> new TreeSet<>()).add(m.group(2) == null ? "" : m.group(2));
			}
		}
		node.forEach(child -> collectVariables(child, operators));
	}

	private static List<String> variables(String value) {
		List<String> names = new ArrayList<>();
		Matcher m = COMPOSE_VARIABLE.matcher(value);
		while (m.find()) {
			names.add(m.group(1));
		}
		return names;
	}

	/** infra-schemas/k8s/KIND-NAME.json when it exists, else infra-schemas/k8s/KIND.json. */
	private static Schema kubernetesSchema(String kind, String name) {
		String general = "k8s/" + kind.toLowerCase() + ".json";
		String specific = "k8s/" + kind.toLowerCase() + "-" + name + ".json";
		return schema(InfraFilesTests.class.getResource("/infra-schemas/" + specific) != null ? specific : general);
	}

	private static Schema schema(String path) {
		if (InfraFilesTests.class.getResource("/infra-schemas/" + path) == null) {
			throw new IllegalStateException("No schema infra-schemas/" + path + " (add one for each kind under infra/k8s)");
		}
		return SCHEMAS.getSchema(SchemaLocation.of("classpath:infra-schemas/" + path));
	}

	private static List<String> validate(Schema schema, JsonNode node) {
		return schema.validate(node).stream().map(Error::toString).toList();
	}

	private static JsonNode parse(String json) {
		return JsonMapper.builder().build().readTree(json);
	}

}
