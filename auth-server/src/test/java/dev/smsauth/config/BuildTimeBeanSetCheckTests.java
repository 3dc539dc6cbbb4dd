package dev.smsauth.config;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.AnnotatedBeanDefinitionReader;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check's table against the real {@code @Conditional}s: the switchable configuration classes
 * are registered the way a build registers them (the reader evaluates their conditions against the
 * build's settings, as {@code process-aot} does), then checked against the settings of a start.
 * Same settings: no problem. Settings that choose another set of beans: a problem naming each
 * setting that differs, and none that does not.
 */
class BuildTimeBeanSetCheckTests {

	/** Settings that move the switchable beans; null means unset. */
	record Settings(String provider, String defaultRoute, String route86, String rotateEvery, String cleanupEnabled) {

		MockEnvironment environment() {
			MockEnvironment environment = new MockEnvironment();
			Map.of("auth.sms.provider", nullable(provider), "auth.sms.routes.default", nullable(defaultRoute),
					"auth.sms.routes.86", nullable(route86), "auth.keys.rotate-every", nullable(rotateEvery),
					"auth.cleanup.enabled", nullable(cleanupEnabled))
				.forEach((name, value) -> {
					if (!value.isEmpty()) {
						environment.setProperty(name, value);
					}
				});
			return environment;
		}

		private static String nullable(String value) {
			return value == null ? "" : value;
		}

	}

	/** The bean classes the build would define under these settings, found by the conditions themselves. */
	static Set<String> builtWith(Settings build) {
		DefaultListableBeanFactory registry = new DefaultListableBeanFactory();
		AnnotatedBeanDefinitionReader reader = new AnnotatedBeanDefinitionReader(registry, build.environment());
		for (BuildTimeBeanSetCheck.Switched switched : BuildTimeBeanSetCheck.SWITCHED) {
			reader.registerBean(ClassUtils.resolveClassName(switched.configurationClass(), null));
		}
		return Arrays.stream(registry.getBeanDefinitionNames())
			.map(name -> registry.getBeanDefinition(name).getBeanClassName())
			.collect(Collectors.toSet());
	}

	@Property(tries = 300)
	void theSameSettingsAtBuildAndStartPass(@ForAll("settings") Settings settings) {
		assertThat(BuildTimeBeanSetCheck.mismatches(settings.environment(), builtWith(settings))).isEmpty();
	}

	@Property(tries = 300)
	void aStartWhoseSettingsChooseOtherBeansFailsNamingEachSettingThatDiffers(@ForAll("settings") Settings build,
			@ForAll("settings") Settings start) {
		Set<String> built = builtWith(build);
		Set<String> wanted = builtWith(start);
		List<String> problems = BuildTimeBeanSetCheck.mismatches(start.environment(), built);

		Set<String> differing = new HashSet<>(built);
		differing.addAll(wanted);
		Set<String> both = new HashSet<>(built);
		both.retainAll(wanted);
		differing.removeAll(both);
		assertThat(problems).hasSize(differing.size());
		for (String className : differing) {
			String simpleName = className.substring(className.lastIndexOf('.') + 1);
			String verb = wanted.contains(className) ? "asks for " : "does not ask for ";
			assertThat(problems).anySatisfy(problem -> assertThat(problem).contains(verb + simpleName));
		}
	}

	@Example
	void theMessageNamesTheSettingAndTheWaysOut() {
		String message = BuildTimeBeanSetCheck.message(List.of("auth.keys.rotate-every asks for ScheduledRotation"), true);
		assertThat(message).contains("-Dspring.aot.enabled=true", "AOT_SETTINGS", "spring-boot.aot.jvmArguments",
				"auth.keys.rotate-every");
	}

	@Provide
	Arbitrary<Settings> settings() {
		Arbitrary<String> provider = Arbitraries.of("outbox", "vonage", "twilio").injectNull(0.3);
		Arbitrary<String> route = Arbitraries.of("outbox", "vonage", "twilio", "vonage,twilio", "twilio,outbox")
			.injectNull(0.6);
		Arbitrary<String> rotateEvery = Arbitraries.of("90d", "30d", "false").injectNull(0.5);
		Arbitrary<String> cleanupEnabled = Arbitraries.of("true", "false", "TRUE").injectNull(0.5);
		return Combinators.combine(provider, route, route, rotateEvery, cleanupEnabled).as(Settings::new);
	}

}
