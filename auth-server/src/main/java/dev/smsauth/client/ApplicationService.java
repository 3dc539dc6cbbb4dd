package dev.smsauth.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import dev.smsauth.api.FieldErrors;
import dev.smsauth.api.NotFoundException;
import dev.smsauth.audit.AuditEventType;
import dev.smsauth.audit.AuditLog;
import dev.smsauth.mfa.SignInPolicy;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applications (registered OAuth clients): the one set of rules behind the management API and
 * the console. Secrets are generated here, returned once, and stored as SHA-256.
 */
@Service
public class ApplicationService {

	private final RegisteredClientRepository clients;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditLog audit;

	private static final String ID_TOKEN_ALG = "idTokenSignedResponseAlg";

	private static final String ACCESS_TOKEN_ALG = "accessTokenSignedResponseAlg";

	// Spring Security's JwtGenerator gives every ID token 30 minutes; it is not configurable.
	private static final Duration ID_TOKEN_TIME_TO_LIVE = Duration.ofMinutes(30);

	private final Sha256SecretEncoder secretEncoder = new Sha256SecretEncoder();

	ApplicationService(RegisteredClientRepository clients, JdbcClient jdbc, Clock clock, AuditLog audit) {
		this.clients = clients;
		this.jdbc = jdbc;
		this.clock = clock;
		this.audit = audit;
	}

	@Transactional
	public Application create(NewApplication input) {
		return create(input, SecretGenerator.clientId(), null);
	}

	/**
	 * Registers an application with a chosen client id and, for confidential clients, a chosen
	 * secret (bootstrap and demo data); {@code secret == null} generates one.
	 */
	@Transactional
	public Application create(NewApplication input, String clientId, String secret) {
		boolean isPublic = Boolean.TRUE.equals(input.isPublic());
		FieldErrors errors = new FieldErrors();
		String name = ApplicationValidator.name(input.name(), errors);
		List<String> grantTypes = ApplicationValidator.grantTypes(input.grantTypes(), isPublic, errors);
		boolean codeFlow = grantTypes != null && grantTypes.contains("authorization_code");
		List<String> redirectUris = ApplicationValidator.redirectUris("redirectUris", input.redirectUris(), codeFlow,
				errors);
		List<String> logoutUris = ApplicationValidator.redirectUris("postLogoutRedirectUris",
				input.postLogoutRedirectUris(), false, errors);
		List<String> scopes = ApplicationValidator.scopes(input.scopes(), errors);
		AccessTokenFormat tokenFormat = ApplicationValidator.accessTokenFormat(input.accessTokenFormat(), errors);
		Duration refreshLifetime = ApplicationValidator.refreshTokenAbsoluteLifetime(
				input.refreshTokenAbsoluteLifetime(), errors);
		SigningAlgorithm idTokenAlg = ApplicationValidator.signingAlgorithm(ID_TOKEN_ALG,
				input.idTokenSignedResponseAlg(), errors);
		SigningAlgorithm accessTokenAlg = ApplicationValidator.signingAlgorithm(ACCESS_TOKEN_ALG,
				input.accessTokenSignedResponseAlg(), errors);
		SignInPolicy policy = SignInPolicyValidator.policy(input.mfa(), SignInPolicy.OFF, errors);
		Integer smsBudget = ApplicationValidator.smsMonthlyBudget(input.smsMonthlyBudget(), errors);
		errors.throwIfAny();
		if (clients.findByClientId(clientId) != null) {
			throw new dev.smsauth.api.DuplicateException("clientId");
		}
		String plainSecret = isPublic ? null : (secret != null ? secret : SecretGenerator.clientSecret());
		Instant now = clock.instant();
		boolean pkce = isPublic || Boolean.TRUE.equals(input.pkceRequired());
		ClientSettings.Builder clientSettings = policy.writeTo(ClientSettings.builder()
			.requireProofKey(pkce)
			.requireAuthorizationConsent(Boolean.TRUE.equals(input.consentRequired()))
			.setting(ClientSettingNames.REQUIRE_PAR, Boolean.TRUE.equals(input.requirePushedAuthorizationRequests())));
		ClientSettingNames.smsMonthlyBudget(clientSettings, smsBudget);
		RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientIdIssuedAt(now)
			.clientName(name)
			.clientSecret(plainSecret == null ? null : "{" + Sha256SecretEncoder.ID + "}" + secretEncoder.encode(plainSecret))
			.clientAuthenticationMethods(methods -> {
				if (isPublic) {
					methods.add(ClientAuthenticationMethod.NONE);
				}
				else {
					methods.add(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
					methods.add(ClientAuthenticationMethod.CLIENT_SECRET_POST);
				}
			})
			.authorizationGrantTypes(types -> grantTypes.forEach(t -> types.add(new AuthorizationGrantType(t))))
			.redirectUris(uris -> uris.addAll(redirectUris))
			.postLogoutRedirectUris(uris -> uris.addAll(logoutUris))
			.scopes(s -> s.addAll(scopes))
			.clientSettings(clientSettings.build())
			.tokenSettings(withAlgorithms(TokenSettings.withSettings(withFormat(defaultTokenSettings(), tokenFormat).getSettings())
				.setting(ClientSettingNames.REFRESH_TOKEN_ABSOLUTE_LIFETIME, refreshLifetime)
				.build(), idTokenAlg, accessTokenAlg))
			.build();
		clients.save(client);
		audit.record(AuditEventType.APPLICATION_CREATED, null, clientId, ApplicationChanges.smsSwitch(policy.sms()));
		return toApplication(client).withSecret(plainSecret);
	}

	public Application get(String clientId) {
		return toApplication(find(clientId));
	}

	public List<Application> list(int offset, int limit) {
		List<String> ids = jdbc.sql("SELECT client_id FROM oauth2_registered_client ORDER BY client_id_issued_at, client_id LIMIT :limit OFFSET :offset")
			.param("limit", limit)
			.param("offset", offset)
			.query(String.class)
			.list();
		return ids.stream().map(clients::findByClientId).filter(c -> c != null).map(ApplicationService::toApplication).toList();
	}

	@Transactional
	public Application update(String clientId, ApplicationPatch patch) {
		RegisteredClient current = find(clientId);
		boolean isPublic = isPublic(current);
		FieldErrors errors = new FieldErrors();
		RegisteredClient.Builder builder = RegisteredClient.from(current);
		if (patch.name() != null) {
			builder.clientName(ApplicationValidator.name(patch.name().orElse(null), errors));
		}
		List<String> grantTypes = current.getAuthorizationGrantTypes().stream().map(AuthorizationGrantType::getValue).toList();
		if (patch.grantTypes() != null) {
			grantTypes = ApplicationValidator.grantTypes(patch.grantTypes().orElse(null), isPublic, errors);
		}
		boolean codeFlow = grantTypes != null && grantTypes.contains("authorization_code");
		List<String> redirectUris = List.copyOf(current.getRedirectUris());
		if (patch.redirectUris() != null) {
			redirectUris = ApplicationValidator.redirectUris("redirectUris", patch.redirectUris().orElse(List.of()), codeFlow, errors);
		}
		else if (codeFlow && redirectUris.isEmpty()) {
			errors.add("redirectUris", "needs at least one URI for the authorization_code grant");
		}
		List<String> logoutUris = List.copyOf(current.getPostLogoutRedirectUris());
		if (patch.postLogoutRedirectUris() != null) {
			logoutUris = ApplicationValidator.redirectUris("postLogoutRedirectUris", patch.postLogoutRedirectUris().orElse(List.of()), false, errors);
		}
		List<String> scopes = List.copyOf(current.getScopes());
		if (patch.scopes() != null) {
			scopes = ApplicationValidator.scopes(patch.scopes().orElse(List.of()), errors);
		}
		ClientSettings.Builder settings = ClientSettings.withSettings(current.getClientSettings().getSettings());
		if (patch.consentRequired() != null) {
			settings.requireAuthorizationConsent(patch.consentRequired().orElse(false));
		}
		if (patch.pkceRequired() != null) {
			if (isPublic && !patch.pkceRequired().orElse(false)) {
				errors.add("pkceRequired", "can not be turned off for a public application");
			}
			settings.requireProofKey(isPublic || patch.pkceRequired().orElse(false));
		}
		if (patch.mfa() != null && patch.mfa().isEmpty()) {
			errors.add("mfa", "must be an object");
		}
		else if (patch.mfa() != null) {
			SignInPolicy policy = SignInPolicyValidator.policy(patch.mfa().get(),
					SignInPolicy.of(current.getClientSettings()), errors);
			if (policy != null) {
				policy.writeTo(settings);
			}
		}
		if (patch.requirePushedAuthorizationRequests() != null) {
			Boolean par = patch.requirePushedAuthorizationRequests().orElse(null);
			if (par == null) {
				errors.add("requirePushedAuthorizationRequests", "must be true or false");
			}
			else {
				settings.setting(ClientSettingNames.REQUIRE_PAR, par);
			}
		}
		if (patch.smsMonthlyBudget() != null) {
			// JSON null removes the budget; PatchBody already refused a value that is not a whole number.
			Integer budget = patch.smsMonthlyBudget().orElse(null);
			if (budget == null || ApplicationValidator.smsMonthlyBudget(budget, errors) != null) {
				ClientSettingNames.smsMonthlyBudget(settings, budget);
			}
		}
		TokenSettings tokenSettings = current.getTokenSettings();
		Optional<String> requestedFormat = patch.accessTokenFormat();
		if (requestedFormat != null && requestedFormat.isEmpty()) {
			// JSON null is refused, as for mfa.sms: an application always has one format.
			errors.add("accessTokenFormat", "must be jwt or reference");
		}
		else if (requestedFormat != null) {
			AccessTokenFormat format = ApplicationValidator.accessTokenFormat(requestedFormat.get(), errors);
			if (format != null) {
				tokenSettings = withFormat(tokenSettings, format);
			}
		}
		Optional<String> requestedLifetime = patch.refreshTokenAbsoluteLifetime();
		if (requestedLifetime != null && requestedLifetime.isEmpty()) {
			errors.add("refreshTokenAbsoluteLifetime", "must be an ISO-8601 duration from PT1H to P365D, such as P30D");
		}
		else if (requestedLifetime != null) {
			Duration lifetime = ApplicationValidator.refreshTokenAbsoluteLifetime(requestedLifetime.get(), errors);
			if (lifetime != null) {
				tokenSettings = TokenSettings.withSettings(tokenSettings.getSettings())
					.setting(ClientSettingNames.REFRESH_TOKEN_ABSOLUTE_LIFETIME, lifetime)
					.build();
			}
		}
		SigningAlgorithm idTokenAlg = patchedAlgorithm(ID_TOKEN_ALG, patch.idTokenSignedResponseAlg(),
				ClientSettingNames.idTokenSigningAlgorithm(tokenSettings), errors);
		SigningAlgorithm accessTokenAlg = patchedAlgorithm(ACCESS_TOKEN_ALG, patch.accessTokenSignedResponseAlg(),
				ClientSettingNames.accessTokenSigningAlgorithm(tokenSettings), errors);
		errors.throwIfAny();
		tokenSettings = withAlgorithms(tokenSettings, idTokenAlg, accessTokenAlg);
		List<String> finalGrantTypes = grantTypes;
		List<String> finalRedirectUris = redirectUris;
		List<String> finalLogoutUris = logoutUris;
		List<String> finalScopes = scopes;
		RegisteredClient updated = builder
			.authorizationGrantTypes(types -> {
				types.clear();
				finalGrantTypes.forEach(t -> types.add(new AuthorizationGrantType(t)));
			})
			.redirectUris(uris -> {
				uris.clear();
				uris.addAll(finalRedirectUris);
			})
			.postLogoutRedirectUris(uris -> {
				uris.clear();
				uris.addAll(finalLogoutUris);
			})
			.scopes(s -> {
				s.clear();
				s.addAll(finalScopes);
			})
			.clientSettings(settings.build())
			.tokenSettings(tokenSettings)
			.build();
		clients.save(updated);
		ApplicationChanges changes = ApplicationChanges.between(toApplication(current), toApplication(updated));
		if (changes.mfaChanged()) {
			audit.record(AuditEventType.APPLICATION_MFA_CHANGED, null, clientId, changes.mfaDetails());
		}
		if (changes.recordAsUpdate()) {
			audit.record(AuditEventType.APPLICATION_UPDATED, null, clientId, changes.otherDetails());
		}
		return toApplication(updated);
	}

	/** Replaces a confidential application's secret; the old one stops working at once. */
	@Transactional
	public Application rotateSecret(String clientId) {
		RegisteredClient current = find(clientId);
		if (isPublic(current)) {
			throw new dev.smsauth.api.InvalidInputException("clientSecret", "a public application has no secret");
		}
		String secret = SecretGenerator.clientSecret();
		RegisteredClient updated = RegisteredClient.from(current)
			.clientSecret("{" + Sha256SecretEncoder.ID + "}" + secretEncoder.encode(secret))
			.build();
		clients.save(updated);
		audit.record(AuditEventType.APPLICATION_SECRET_ROTATED, null, clientId, null);
		return toApplication(updated).withSecret(secret);
	}

	/** Removes the application with its grants and consents, so no token of it stays usable. */
	@Transactional
	public void delete(String clientId) {
		RegisteredClient current = find(clientId);
		jdbc.sql("DELETE FROM oauth2_authorization WHERE registered_client_id = :id").param("id", current.getId()).update();
		jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE registered_client_id = :id").param("id", current.getId()).update();
		jdbc.sql("DELETE FROM oauth2_registered_client WHERE id = :id").param("id", current.getId()).update();
		if (clients instanceof ParsedOnceRegisteredClientRepository parsedOnce) {
			parsedOnce.forgetReadsOfThisRequest(); // this request's reads still hold the deleted client
		}
		audit.record(AuditEventType.APPLICATION_DELETED, null, clientId, null);
	}

	private RegisteredClient find(String clientId) {
		// The framework's repository asserts a non-blank id (IllegalArgumentException, a 500); a blank
		// id in a URL (/applications/%20) is simply one that does not exist.
		RegisteredClient client = clientId == null || clientId.isBlank() || clientId.length() > 100 ? null
				: clients.findByClientId(clientId);
		if (client == null) {
			throw new NotFoundException("application");
		}
		return client;
	}

	/**
	 * The longest any token issued here lives: how long a replaced signing key must stay
	 * published. Refresh tokens are opaque (not signed) but are counted anyway, as a margin.
	 */
	public static Duration longestTokenLifetime() {
		TokenSettings settings = defaultTokenSettings();
		return Stream.of(settings.getAccessTokenTimeToLive(), settings.getRefreshTokenTimeToLive(), ID_TOKEN_TIME_TO_LIVE)
			.max(Duration::compareTo)
			.orElseThrow();
	}

	static TokenSettings defaultTokenSettings() {
		return TokenSettings.builder()
			.authorizationCodeTimeToLive(Duration.ofMinutes(5))
			.accessTokenTimeToLive(Duration.ofMinutes(10))
			.refreshTokenTimeToLive(Duration.ofDays(1))
			// Rotation: every refresh returns a new refresh token and the old one stops working.
			.reuseRefreshTokens(false)
			// ... but not forever: rotation never moves the end of the grant's refresh tokens.
			.setting(ClientSettingNames.REFRESH_TOKEN_ABSOLUTE_LIFETIME,
					ClientSettingNames.DEFAULT_REFRESH_TOKEN_ABSOLUTE_LIFETIME)
			.idTokenSignatureAlgorithm(SigningAlgorithm.DEFAULT.signatureAlgorithm())
			.setting(ClientSettingNames.ACCESS_TOKEN_SIGNATURE_ALGORITHM, SigningAlgorithm.DEFAULT.signatureAlgorithm())
			.build();
	}

	/** A PATCH member: absent keeps {@code current}; JSON null is refused (an application always has one). */
	private static SigningAlgorithm patchedAlgorithm(String field, Optional<String> requested, SigningAlgorithm current,
			FieldErrors errors) {
		if (requested == null) {
			return current;
		}
		if (requested.isEmpty()) {
			errors.add(field, "must be one of " + String.join(", ", SigningAlgorithm.names()));
			return current;
		}
		SigningAlgorithm algorithm = ApplicationValidator.signingAlgorithm(field, requested.get(), errors);
		return algorithm == null ? current : algorithm;
	}

	/** The same token settings with the ID-token and access-token signing algorithms set. */
	private static TokenSettings withAlgorithms(TokenSettings settings, SigningAlgorithm idToken,
			SigningAlgorithm accessToken) {
		return TokenSettings.withSettings(settings.getSettings())
			.idTokenSignatureAlgorithm(idToken.signatureAlgorithm())
			.setting(ClientSettingNames.ACCESS_TOKEN_SIGNATURE_ALGORITHM, accessToken.signatureAlgorithm())
			.build();
	}

	/** The same token settings with only the access-token format changed (lifetimes, rotation as they were). */
	private static TokenSettings withFormat(TokenSettings settings, AccessTokenFormat format) {
		return TokenSettings.withSettings(settings.getSettings()).accessTokenFormat(format.tokenFormat()).build();
	}

	private static boolean isPublic(RegisteredClient client) {
		return client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE);
	}

	static Application toApplication(RegisteredClient c) {
		Set<AuthorizationGrantType> types = c.getAuthorizationGrantTypes();
		// Sorted: the registered client keeps sets, and API answers should not change order between calls.
		return new Application(c.getClientId(), null, c.getClientName(), c.getRedirectUris().stream().sorted().toList(),
				c.getPostLogoutRedirectUris().stream().sorted().toList(), c.getScopes().stream().sorted().toList(),
				types.stream().map(AuthorizationGrantType::getValue).sorted().toList(), isPublic(c),
				c.getClientSettings().isRequireAuthorizationConsent(), c.getClientSettings().isRequireProofKey(),
				Application.Mfa.of(SignInPolicy.of(c.getClientSettings())),
				AccessTokenFormat.of(c.getTokenSettings().getAccessTokenFormat()),
				ClientSettingNames.parRequired(c.getClientSettings()),
				ClientSettingNames.refreshTokenAbsoluteLifetime(c.getTokenSettings()),
				ClientSettingNames.idTokenSigningAlgorithm(c.getTokenSettings()),
				ClientSettingNames.accessTokenSigningAlgorithm(c.getTokenSettings()), c.getClientIdIssuedAt(),
				ClientSettingNames.smsMonthlyBudget(c.getClientSettings()));
	}

}
