package dev.smsauth.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.AnnotatedBeanDefinitionReader;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Stops a start whose settings ask for other switchable beans than the bean definitions hold.
 *
 * <p>Why: the image runs with Spring's ahead-of-time bean definitions ({@code -Dspring.aot.enabled=true},
 * made by {@code process-aot} when the jar is built; a quarter less start time, docs/performance.md).
 * Those definitions are what the settings of the build chose: an SMS provider's beans, the key
 * rotation schedule and the clean-up schedule are there or not from then on, whatever the settings
 * say at run time. Without this check a server built for Vonage and started with
 * {@code auth.sms.routes.default=twilio} would start with no Twilio sender, and one built without
 * the outbox would run without it silently. With it, the start fails before any other bean is
 * made, naming the setting, what the build chose and the two ways out.
 *
 * <p>Without AOT the conditions are evaluated against the same settings a moment earlier, so the
 * check always passes; it still runs, so every test context proves that its table matches the
 * {@code @Conditional}s. The table covers this application's own switches; Spring Boot's
 * (for example {@code management.endpoints.web.exposure.include}) are fixed by an AOT build too,
 * which docs/ARCHITECTURE.md and infra/README.md say.
 *
 * <p>A bean factory post-processor like {@code bootstrap.EmbeddedDefaults}: Spring keeps those in
 * the AOT definitions and runs them before any other bean.
 */
@Component
class BuildTimeBeanSetCheck implements BeanFactoryPostProcessor, EnvironmentAware {

	/** A configuration class that a setting switches on or off, and that setting as a person reads it. */
	record Switched(String configurationClass, String settings) {
	}

	/** Every class whose {@code @Conditional} reads a setting (BuildTimeBeanSetCheckTests varies them). */
	static final List<Switched> SWITCHED = List.of(
			smsProvider("outbox", "dev.smsauth.sms.outbox.OutboxSmsConfiguration"),
			smsProvider("vonage", "dev.smsauth.sms.vonage.VonageSmsConfiguration"),
			smsProvider("twilio", "dev.smsauth.sms.twilio.TwilioSmsConfiguration"),
			new Switched("dev.smsauth.key.ScheduledRotation", "auth.keys.rotate-every"),
			new Switched("dev.smsauth.cleanup.CleanupSchedule", "auth.cleanup.enabled"));

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		List<String> problems = mismatches(environment, definedClasses(beanFactory));
		if (!problems.isEmpty()) {
			throw new IllegalStateException(message(problems, AotDetector.useGeneratedArtifacts()));
		}
	}

	/** What the settings want and the definitions lack, or hold and the settings do not want. */
	static List<String> mismatches(Environment environment, Set<String> definedClasses) {
		Set<String> wantedClasses = wanted(environment);
		List<String> problems = new ArrayList<>();
		for (Switched switched : SWITCHED) {
			boolean wanted = wantedClasses.contains(switched.configurationClass());
			boolean defined = definedClasses.contains(switched.configurationClass());
			if (wanted != defined) {
				String name = switched.configurationClass().substring(switched.configurationClass().lastIndexOf('.') + 1);
				problems.add(switched.settings() + " " + (wanted ? "asks for " : "does not ask for ") + name
						+ ", which the build " + (defined ? "made" : "left out"));
			}
		}
		return problems;
	}

	static String message(List<String> problems, boolean aheadOfTime) {
		String fixed = aheadOfTime
				? "This server runs with bean definitions made ahead of time (-Dspring.aot.enabled=true), which the settings "
						+ "of the build fixed: "
				: "The bean definitions do not match the settings: ";
		return fixed + String.join("; ", problems) + ". Start without -Dspring.aot.enabled=true (slower to start, "
				+ "reads every setting), or build with the same settings: the image with --build-arg AOT_SETTINGS "
				+ "(infra/README.md), the jar with -Dspring-boot.aot.jvmArguments.";
	}

	/**
	 * The switchable classes these settings want, by their own conditions: Spring's reader evaluates a
	 * class's {@code @Conditional}s as it registers it (as the build's processing did), here into a
	 * registry that is thrown away. So this check can not drift from the conditions it mirrors.
	 */
	static Set<String> wanted(Environment environment) {
		DefaultListableBeanFactory registry = new DefaultListableBeanFactory();
		AnnotatedBeanDefinitionReader reader = new AnnotatedBeanDefinitionReader(registry, environment);
		for (Switched switched : SWITCHED) {
			reader.registerBean(ClassUtils.resolveClassName(switched.configurationClass(), BuildTimeBeanSetCheck.class.getClassLoader()));
		}
		return definedClasses(registry);
	}

	private static Set<String> definedClasses(ConfigurableListableBeanFactory beanFactory) {
		Set<String> classes = new HashSet<>();
		Arrays.stream(beanFactory.getBeanDefinitionNames())
			.map(beanFactory::getBeanDefinition)
			.map(BeanDefinition::getBeanClassName)
			.filter(name -> name != null)
			.forEach(classes::add);
		return classes;
	}

	private static Switched smsProvider(String provider, String configurationClass) {
		return new Switched(configurationClass, "auth.sms.provider / auth.sms.routes.* (" + provider + ")");
	}

}
