package dev.smsauth.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import dev.smsauth.mfa.Factors;
import dev.smsauth.user.UserAccount;
import dev.smsauth.user.UserService;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Adds to every ID token: {@code amr} (RFC 8176: {@code pwd}, plus {@code sms} and {@code mfa}
 * after the SMS step, {@code otp} and {@code mfa} after the authenticator-app step, {@code swk},
 * {@code user} when the authenticator verified the person, and {@code mfa} after a passkey),
 * {@code acr} (the level reached: phishing resistant after a passkey) and the user's claims for the granted
 * scopes. {@code auth_time} is set by the framework from the newest factor's time.
 */
@Component
class IdTokenClaimsCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final UserService users;

	IdTokenClaimsCustomizer(UserService users) {
		this.users = users;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
			return;
		}
		Authentication principal = context.getPrincipal();
		boolean sms = Factors.hasSms(principal);
		boolean otp = Factors.hasTotp(principal);
		boolean passkey = Factors.hasPasskey(principal);
		// A recovery code: RFC 8176 has no value for it, so it adds only "mfa" (and never "phr").
		boolean recovery = Factors.hasRecovery(principal);
		// A mutable ArrayList on purpose: the claims are stored with the authorization as JSON, and
		// the authorization service's Jackson allow-list accepts ArrayList but not List.of(...).
		List<String> amr = new ArrayList<>(List.of(Factors.AMR_PASSWORD));
		if (sms) {
			amr.add(Factors.AMR_SMS);
		}
		if (otp) {
			amr.add(Factors.AMR_OTP);
		}
		if (passkey) {
			amr.add(Factors.AMR_SWK);
			if (Factors.has(principal, Factors.PASSKEY_USER_VERIFIED)) {
				amr.add(Factors.AMR_USER);
			}
		}
		if (sms || otp || passkey || recovery) {
			amr.add(Factors.AMR_MFA);
		}
		context.getClaims().claim("amr", amr);
		// The framework writes auth_time only next to sid, when it finds the person's session; a
		// session that expired or was signed out between the code and its exchange must not make
		// the claim vanish (relying parties check it for max_age and step-up). The newest factor's
		// time is what the framework would have written.
		Instant authenticated = Factors.authenticationTime(principal);
		if (authenticated != null) {
			context.getClaims().claims(claims -> claims.putIfAbsent("auth_time", Date.from(authenticated)));
		}
		context.getClaims().claim("acr", passkey ? Factors.ACR_PHISHING_RESISTANT
				: sms || otp || recovery ? Factors.ACR_MFA : Factors.ACR_PASSWORD);
		// No ID token (code exchange or refresh) for an account disabled or deleted since the sign-in.
		UserAccount user = users.find(principal.getName())
			.filter(UserAccount::enabled)
			.orElseThrow(() -> new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT));
		UserClaims.forScopes(user, context.getAuthorizedScopes()).forEach((name, value) -> {
			// updated_at stays in userinfo only: the ID token's claims are stored with the
			// authorization as JSON, whose Jackson allow-list refuses a java.lang.Long value.
			if (!"sub".equals(name) && !"updated_at".equals(name)) {
				context.getClaims().claim(name, value);
			}
		});
	}

}
