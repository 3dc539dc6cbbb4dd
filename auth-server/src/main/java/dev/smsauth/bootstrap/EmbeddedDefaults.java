package dev.smsauth.bootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import dev.smsauth.config.AuthProperties;
import dev.smsauth.key.SigningKeyProperties;
import dev.smsauth.mfa.sms.SmsProperties;
import dev.smsauth.sms.SmsRoutes;
import dev.smsauth.sms.outbox.OutboxProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start where the embedded default's conveniences would be dangerous. The secrets in
 * application-default.yml are public knowledge, and the outbox hands every code to any management
 * token; both belong to the embedded default only: no profile, a database inside this process (H2
 * in memory or in a file) and the outbox. A real SMS provider or an external database means real
 * users, whatever the profile, so the public secrets are refused there too.
 *
 * <p>A bean factory post-processor, so it runs before any other bean is made: a refused
 * configuration never migrates a database, makes a signing key or creates the management client.
 * For the same reason it binds the settings itself instead of taking the property beans.
 */
@Component
class EmbeddedDefaults implements BeanFactoryPostProcessor, EnvironmentAware {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDefaults.class);

	static final String MANAGEMENT_SECRET = "management-secret";

	static final String SMS_HMAC_KEY_PREFIX = "embedded-default-only";

	/** Base64 of the 32 ASCII bytes {@code embedded-default-only-kek-012345}. */
	static final String KEY_ENCRYPTION_KEY = "ZW1iZWRkZWQtZGVmYXVsdC1vbmx5LWtlay0wMTIzNDU=";

	static final String OUTBOX = "outbox";

	/** Set by Spring Boot's AOT processor ({@code AbstractAotProcessor}) while it runs. */
	static final String AOT_PROCESSING = "spring.aot.processing";

	private Environment environment;

	/** Set by the container: a bean factory post-processor is made before constructors can be autowired. */
	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (Boolean.getBoolean(AOT_PROCESSING)) {
			// The build's process-aot, which only writes bean definitions: nothing starts, and the
			// image's build has none of its secrets. Every start runs this check, with AOT or without.
			return;
		}
		Binder binder = Binder.get(environment);
		check(binder.bindOrCreate("auth", AuthProperties.class), binder.bindOrCreate("auth.sms", SmsProperties.class),
				SmsRoutes.bind(binder), binder.bindOrCreate("auth.sms.outbox", OutboxProperties.class),
				binder.bindOrCreate("auth.keys", SigningKeyProperties.class));
	}

	/**
	 * The embedded default itself: no profile, an embedded H2 database and the outbox as the only SMS
	 * provider of every route. Only there may its conveniences apply (public secrets, demo accounts
	 * with public passwords).
	 */
	static boolean isEmbeddedDefault(Environment environment) {
		return environment.getActiveProfiles().length == 0
				&& isEmbeddedDatabase(environment.getProperty("spring.datasource.url"))
				&& SmsRoutes.bind(Binder.get(environment)).outboxOnly();
	}

	private void check(AuthProperties auth, SmsProperties sms, SmsRoutes routes, OutboxProperties outbox,
			SigningKeyProperties keys) {
		boolean noProfile = environment.getActiveProfiles().length == 0;
		boolean embeddedDatabase = isEmbeddedDatabase(environment.getProperty("spring.datasource.url"));
		boolean outboxOnly = routes.outboxOnly();
		boolean outboxProvider = routes.providers().contains(OUTBOX);
		if (noProfile && embeddedDatabase && outboxOnly) {
			return;
		}
		List<String> problems = new ArrayList<>();
		List<String> publicSecrets = publicSecrets(auth, sms, keys);
		if (!publicSecrets.isEmpty()) {
			boolean one = publicSecrets.size() == 1;
			problems.add("the embedded default " + (one ? "value of " : "values of ") + String.join(", ", publicSecrets)
					+ (one ? " is" : " are") + " public and only allowed in the embedded default (no profile, an embedded H2 "
					+ "database, the outbox SMS provider); here " + why(noProfile, embeddedDatabase, routes) + ". Set your own secrets.");
		}
		if (outboxProvider && !outbox.allowInProduction()) {
			problems.add("the outbox SMS provider (auth.sms.provider=outbox or an auth.sms.routes.* naming it) is only allowed in the embedded default "
					+ "(no profile, an embedded H2 database); here " + why(noProfile, embeddedDatabase, null)
					+ ". The outbox sends no SMS: it keeps the codes, and /api/v1/dev/sms-outbox hands them to any "
					+ "management token. Set auth.sms.provider=vonage, or, for a system without real users, auth.sms.outbox.allow-in-production=true "
					+ "(env AUTH_SMS_OUTBOX_ALLOW_IN_PRODUCTION).");
		}
		if (keys.encryptionKey() == null || keys.encryptionKey().isBlank()) {
			problems.add("auth.keys.encryption-key (env AUTH_KEYS_ENCRYPTION_KEY) is not set. Set it to the base64 of "
					+ "32 random bytes (openssl rand -base64 32) and keep it: the signing keys are stored encrypted with it.");
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Refusing to start: " + String.join("\n - and ", problems));
		}
		if (outboxProvider) {
			// Allowed by name outside the embedded default: said at every start, so nobody forgets it is on.
			log.warn("auth.sms.outbox.allow-in-production=true: the outbox SMS provider is active outside the embedded "
					+ "default. No SMS is sent; every code is kept in the database and /api/v1/dev/sms-outbox hands it to "
					+ "any management token. Never use this with real users.");
		}
	}

	private static List<String> publicSecrets(AuthProperties auth, SmsProperties sms, SigningKeyProperties keys) {
		List<String> names = new ArrayList<>();
		if (MANAGEMENT_SECRET.equals(auth.bootstrap().managementClientSecret())) {
			names.add("auth.bootstrap.management-client-secret (env MANAGEMENT_CLIENT_SECRET)");
		}
		if (sms.codeHmacKey().startsWith(SMS_HMAC_KEY_PREFIX)) {
			names.add("auth.sms.code-hmac-key (env AUTH_SMS_CODE_HMAC_KEY)");
		}
		if (isEmbeddedKeyEncryptionKey(keys.encryptionKey())) {
			names.add("auth.keys.encryption-key (env AUTH_KEYS_ENCRYPTION_KEY)");
		}
		return names;
	}

	/** What makes this start something other than the embedded default; never the URL (it may hold a password). */
	private String why(boolean noProfile, boolean embeddedDatabase, SmsRoutes routes) {
		List<String> reasons = new ArrayList<>();
		if (!noProfile) {
			reasons.add("the profile " + Arrays.toString(environment.getActiveProfiles()) + " is active");
		}
		if (!embeddedDatabase) {
			reasons.add("spring.datasource.url is an external database (not jdbc:h2:mem: or jdbc:h2:file:)");
		}
		if (routes != null && !routes.outboxOnly()) {
			reasons.add("the SMS routes (" + routes + ") name a real SMS provider");
		}
		return String.join(" and ", reasons);
	}

	/**
	 * An H2 database inside this process: in memory or in a file. Unset means Spring Boot's own
	 * in-memory database. H2 over TCP, with {@code AUTO_SERVER} (it then listens for other
	 * processes) and every other driver count as external.
	 */
	static boolean isEmbeddedDatabase(String url) {
		if (url == null || url.isBlank()) {
			return true;
		}
		String lower = url.strip().toLowerCase(Locale.ROOT);
		return (lower.startsWith("jdbc:h2:mem:") || lower.startsWith("jdbc:h2:file:")) && !lower.contains("auto_server=true");
	}

	/** Compared as bytes, so another spelling of the same base64 is refused too. */
	private static boolean isEmbeddedKeyEncryptionKey(String value) {
		if (value == null || value.isBlank()) {
			return false;
		}
		try {
			return Arrays.equals(Base64.getDecoder().decode(value.strip()), Base64.getDecoder().decode(KEY_ENCRYPTION_KEY));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
