package dev.smsauth.bootstrap;

import java.util.List;

import dev.smsauth.client.ApplicationService;
import dev.smsauth.client.NewApplication;
import dev.smsauth.config.AuthProperties;
import dev.smsauth.user.NewUser;
import dev.smsauth.user.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.core.env.Environment;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Creates, once, what the first start needs: the management client (when a secret is configured)
 * and, in the embedded default only, the demo application and demo user. Existing rows are never
 * touched, so an administrator's changes survive restarts.
 */
@Component
class BootstrapData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(BootstrapData.class);

	static final String DEMO_CLIENT_ID = "demo-client";

	static final String DEMO_USERNAME = "demo";

	static final String DEMO_ADMIN = "admin";

	private final AuthProperties properties;

	private final ApplicationService applications;

	private final RegisteredClientRepository clients;

	private final UserService users;

	private final Environment environment;

	BootstrapData(AuthProperties properties, ApplicationService applications, RegisteredClientRepository clients,
			UserService users, Environment environment) {
		this.properties = properties;
		this.applications = applications;
		this.clients = clients;
		this.users = users;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		AuthProperties.Bootstrap bootstrap = properties.bootstrap();
		if (StringUtils.hasText(bootstrap.managementClientSecret())
				&& clients.findByClientId(bootstrap.managementClientId()) == null) {
			applications.create(new NewApplication("Management CLI", List.of(), List.of(), List.of("management"),
					List.of("client_credentials"), false, false, false, null), bootstrap.managementClientId(),
					bootstrap.managementClientSecret());
			log.info("Created the management client '{}'", bootstrap.managementClientId());
		}
		if (properties.seedDemoData()) {
			if (EmbeddedDefaults.isEmbeddedDefault(environment)) {
				seedDemo();
			}
			else {
				// The demo accounts' passwords are in the README: never on a system with a real SMS
				// provider or a real database, whatever auth.seed-demo-data says.
				log.warn("Demo data not created: auth.seed-demo-data only applies to the embedded default (no profile, "
						+ "an embedded H2 database, the outbox SMS provider). Set auth.seed-demo-data=false to silence this.");
			}
		}
	}

	private void seedDemo() {
		if (clients.findByClientId(DEMO_CLIENT_ID) == null) {
			applications.create(new NewApplication("Demo app", List.of("http://localhost:8080/login/oauth2/code/smsauth"),
					List.of("http://localhost:8080/"), List.of("openid", "profile", "email", "phone", "offline_access"),
					List.of("authorization_code", "refresh_token"), false, false, true, new NewApplication.Mfa(true)),
					DEMO_CLIENT_ID, "demo-secret");
			log.info("Created the demo application '{}' (SMS step on)", DEMO_CLIENT_ID);
		}
		if (users.findBySignInIdentifier(DEMO_USERNAME).isEmpty()) {
			users.create(new NewUser(DEMO_USERNAME, "+15555550100", "demo@example.com", "demo-password", "Demo User"));
			log.info("Created the demo user '{}'", DEMO_USERNAME);
		}
		if (users.findBySignInIdentifier(DEMO_ADMIN).isEmpty()) {
			users.create(new NewUser(DEMO_ADMIN, "+15555550199", "admin@example.com", "admin-password",
					"Demo Administrator", true));
			log.info("Created the demo administrator '{}' (console at /console)", DEMO_ADMIN);
		}
	}

}
