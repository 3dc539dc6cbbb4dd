package dev.smsauth.mfa.passkey;

import dev.smsauth.mfa.totp.FreshSignIn;
import dev.smsauth.user.UserService;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.webauthn.management.CredentialRecordOwnerAuthorizationManager;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsFilter;
import org.springframework.security.web.webauthn.registration.WebAuthnRegistrationFilter;

/**
 * The hosted pages' part for passkeys: Spring Security's registration endpoints
 * ({@code /webauthn/register/options}, {@code /webauthn/register}, {@code DELETE /webauthn/register/{id}})
 * behind the same fresh sign-in as the authenticator app, with the options kept in the database
 * session ({@link SessionCreationOptions}).
 *
 * <p>Not {@code http.webAuthn()}: that configurer also installs {@code /login/webauthn}, a sign-in
 * with a passkey alone, which replaces the signed-in principal with whoever owns the passkey; the
 * issue wants that only as an application setting, off by default. The second factor is
 * {@link PasskeyStepController}. Both filters are placed after the {@link AuthorizationFilter}, so
 * the rule below applies to them. Not a bean, for the reason given in {@code config.SecurityConfig}.
 */
public final class PasskeyRegistration implements Customizer<HttpSecurity> {

	private final WebAuthnRelyingPartyOperations relyingParty;

	private final UserCredentialRepository credentials;

	private final PublicKeyCredentialUserEntityRepository userEntities;

	private final FreshSignIn freshSignIn;

	private final UserService users;

	public PasskeyRegistration(WebAuthnRelyingPartyOperations relyingParty, UserCredentialRepository credentials,
			PublicKeyCredentialUserEntityRepository userEntities, FreshSignIn freshSignIn, UserService users) {
		this.relyingParty = relyingParty;
		this.credentials = credentials;
		this.userEntities = userEntities;
		this.freshSignIn = freshSignIn;
		this.users = users;
	}

	@Override
	public void customize(HttpSecurity http) {
		http.authorizeHttpRequests(authorize -> authorize.requestMatchers("/webauthn/**").access(freshSignIn()));
		SessionCreationOptions options = new SessionCreationOptions();
		PublicKeyCredentialCreationOptionsFilter optionsFilter = new PublicKeyCredentialCreationOptionsFilter(relyingParty);
		optionsFilter.setCreationOptionsRepository(options);
		WebAuthnRegistrationFilter registration = new WebAuthnRegistrationFilter(credentials, relyingParty);
		registration.setCreationOptionsRepository(options);
		registration.setDeleteCredentialAuthorizationManager(
				new CredentialRecordOwnerAuthorizationManager(credentials, userEntities));
		http.addFilterAfter(registration, AuthorizationFilter.class);
		http.addFilterAfter(optionsFilter, AuthorizationFilter.class);
	}

	/** Signed in, password within the fresh-sign-in window, and the account's second factor proven. */
	private AuthorizationManager<RequestAuthorizationContext> freshSignIn() {
		return (authentication, context) -> {
			Authentication current = authentication.get();
			boolean fresh = current != null && current.isAuthenticated() && !"anonymousUser".equals(current.getName())
					&& users.find(current.getName())
						.map(user -> freshSignIn.missingStep(current, user).isEmpty())
						.orElse(false);
			return new AuthorizationDecision(fresh);
		};
	}

}
