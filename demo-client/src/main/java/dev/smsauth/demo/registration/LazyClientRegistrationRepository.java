package dev.smsauth.demo.registration;

import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import dev.smsauth.demo.DemoClientProperties;

/**
 * Builds the single client registration from the issuer's discovery document on first
 * use instead of at startup.
 * <p>
 * The demo client and the auth server are started by one script, and the demo client is
 * usually up first; Boot's property-based registration would resolve the issuer eagerly
 * and fail the whole application. Here a failed lookup is not remembered: the next
 * request tries again. A successful lookup is cached for the life of the application.
 */
public final class LazyClientRegistrationRepository implements ClientRegistrationRepository {

	/** Registration id; part of the redirect URI the auth server has on file. */
	public static final String REGISTRATION_ID = "smsauth";

	private static final Log logger = LogFactory.getLog(LazyClientRegistrationRepository.class);

	private final DemoClientProperties properties;

	private final Function<String, ClientRegistration.Builder> discovery;

	private final Object lock = new Object();

	private volatile ClientRegistration registration;

	public LazyClientRegistrationRepository(DemoClientProperties properties) {
		this(properties, ClientRegistrations::fromIssuerLocation);
	}

	/**
	 * @param discovery turns an issuer into a pre-filled builder; replaceable so that tests
	 * can simulate an auth server that comes up late
	 */
	LazyClientRegistrationRepository(DemoClientProperties properties,
			Function<String, ClientRegistration.Builder> discovery) {
		this.properties = properties;
		this.discovery = discovery;
	}

	/**
	 * @throws AuthorizationServerUnavailableException if the discovery document could not be
	 * loaded (the next call tries again)
	 */
	@Override
	public ClientRegistration findByRegistrationId(String registrationId) {
		if (!REGISTRATION_ID.equals(registrationId)) {
			return null;
		}
		ClientRegistration cached = this.registration;
		if (cached != null) {
			return cached;
		}
		// One lookup at a time: concurrent first clicks should not all hit the auth server.
		synchronized (this.lock) {
			if (this.registration == null) {
				this.registration = discover();
			}
			return this.registration;
		}
	}

	private ClientRegistration discover() {
		String issuer = this.properties.issuer();
		ClientRegistration.Builder builder;
		try {
			builder = this.discovery.apply(issuer);
		}
		catch (RuntimeException ex) {
			throw new AuthorizationServerUnavailableException(issuer, ex);
		}
		ClientRegistration discovered = builder.registrationId(REGISTRATION_ID)
			.clientId(this.properties.clientId())
			.clientSecret(this.properties.clientSecret())
			// Pinned rather than picked from the discovery document: the seeded client is
			// registered for client_secret_basic.
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.scope(this.properties.scopes())
			.clientName("SMS auth")
			.build();
		logger.info("Loaded the discovery document of " + issuer);
		return discovered;
	}

}
