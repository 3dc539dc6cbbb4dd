package dev.smsauth.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CI's smoke run of the benchmark: the packaged auth-server jar (built earlier in the reactor),
 * embedded default, a couple of seconds per scenario. Asserts that it works end to end, never how
 * fast: every scenario completed operations without a single error and the table was printed.
 */
class BenchSmokeIT {

	@Test
	void everyScenarioCompletesOperationsWithoutErrorsAndTheTableIsPrinted() throws Exception {
		smokeRun("smoke");
	}

	/**
	 * The same flows with Spring's ahead-of-time bean definitions, as the image starts
	 * ({@code -Dspring.aot.enabled=true}): what process-aot made at build time (no configuration
	 * class parsed, no condition evaluated at start) must serve every flow the ordinary start serves,
	 * the SMS step included.
	 */
	@Test
	void everyScenarioCompletesWithTheAheadOfTimeBeanDefinitions() throws Exception {
		smokeRun("smoke-spring-aot", "--server-jvm-arg", "-Dspring.aot.enabled=true");
	}

	private static void smokeRun(String name, String... extraOptions) throws Exception {
		Path jar = Path.of(System.getProperty("authServerJar", "../auth-server/target/auth-server-0.1.0-SNAPSHOT.jar"));
		assertTrue(Files.isRegularFile(jar), "the packaged auth-server is missing: " + jar
				+ " (the reactor packages auth-server before bench; alone: ./mvnw -q -B -pl auth-server -am package -DskipTests)");
		Path outputDir = Path.of(System.getProperty("benchOutputDir", "target/smoke"));
		Path json = outputDir.resolve(name + ".json");

		List<String> arguments = new ArrayList<>(List.of("--smoke", "--jar", jar.toString(), "--json", json.toString()));
		arguments.addAll(List.of(extraOptions));
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		Bench.Outcome outcome;
		try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
			outcome = Bench.run(Options.parse(arguments.toArray(String[]::new)), out);
		}
		String text = printed.toString(StandardCharsets.UTF_8);
		System.out.println(text); // kept in the failsafe report for whoever reads a failure

		List<String> ran = outcome.results().stream().map(ScenarioResult::scenario).toList();
		assertEquals(Options.ALL_SCENARIOS, ran);
		for (ScenarioResult result : outcome.results()) {
			assertTrue(result.ops() > 0, result.scenario() + " completed no operation");
			assertEquals(0, result.errors(), result.scenario() + " had errors, the first: " + result.firstError());
			assertTrue(result.serverCpuMsPerOp() > 0, result.scenario() + " has no server CPU per operation");
			assertTrue(text.contains("| " + result.scenario() + " |"), "no table row for " + result.scenario());
		}
		assertTrue(text.contains(Report.HEADER), "no table header in:\n" + text);
		assertTrue(outcome.server().startToReadyMs() > 0);
		assertTrue(Files.readString(json).contains("\"scenarios\""), "no JSON written");
	}

}
