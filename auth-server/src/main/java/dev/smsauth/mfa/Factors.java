package dev.smsauth.mfa;

import java.time.Instant;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * Names of authentication factors and the values that describe them in ID tokens. One place for
 * each name: the authorization rule, the SMS step and the token customizer all come here.
 */
public final class Factors {

	/** Our SMS one-time-code factor, as a Spring Security 7 factor authority. */
	public static final String SMS_AUTHORITY = "FACTOR_SMS";

	/**
	 * Our authenticator-app (TOTP, RFC 6238) factor. It satisfies every rule that asks for the SMS
	 * factor: it is the stronger of the two (no SIM swap, no SS7 interception).
	 */
	public static final String TOTP_AUTHORITY = "FACTOR_TOTP";

	/**
	 * A passkey (WebAuthn assertion) as the second factor: Spring Security's own WebAuthn factor
	 * name, so a passkey proven here and one proven by the framework mean the same thing.
	 */
	public static final String WEBAUTHN_AUTHORITY = FactorGrantedAuthority.WEBAUTHN_AUTHORITY;

	/**
	 * Not a factor: a mark next to {@link #WEBAUTHN_AUTHORITY} saying the authenticator verified
	 * the person (PIN or biometric, the UV flag of the signed authenticator data), for {@code amr}
	 * {@code user}. Replaced with the passkey factor it belongs to.
	 */
	public static final String PASSKEY_USER_VERIFIED = "PASSKEY_USER_VERIFIED";

	/**
	 * A single-use recovery code as the second factor (the "lost my phone" way in): it satisfies
	 * every policy that needs a second factor, but never the phishing-resistant level, and its
	 * {@code amr} is {@code mfa} alone (RFC 8176 has no value for recovery codes).
	 */
	public static final String RECOVERY_AUTHORITY = "FACTOR_RECOVERY";

	public static final String PASSWORD_AUTHORITY = FactorGrantedAuthority.PASSWORD_AUTHORITY;

	/** RFC 8176 authentication method reference values. */
	public static final String AMR_PASSWORD = "pwd";

	public static final String AMR_SMS = "sms";

	/** RFC 8176 {@code otp}: a one-time password from a device the user holds (the authenticator app). */
	public static final String AMR_OTP = "otp";

	public static final String AMR_MFA = "mfa";

	/**
	 * RFC 8176 {@code swk}: proof of possession of a software-secured key. What a passkey proves
	 * when nothing shows the key is in hardware: we ask for no attestation, so we never claim
	 * {@code hwk}.
	 */
	public static final String AMR_SWK = "swk";

	/** RFC 8176 {@code user}: the authenticator verified the person (PIN or biometric). */
	public static final String AMR_USER = "user";

	/** Authentication context class references we advertise in discovery. */
	public static final String ACR_PASSWORD = "urn:smsauth:acr:pwd";

	public static final String ACR_MFA = "urn:smsauth:acr:mfa";

	/**
	 * Phishing resistant: a passkey was the second factor (the browser binds the assertion to our
	 * origin). Relying parties demand it with {@code acr_values}; SMS, the app or a recovery code
	 * never reach it.
	 */
	public static final String ACR_PHISHING_RESISTANT = "urn:smsauth:acr:phr";

	private Factors() {
	}

	public static FactorGrantedAuthority sms(Instant issuedAt) {
		return FactorGrantedAuthority.withAuthority(SMS_AUTHORITY).issuedAt(issuedAt).build();
	}

	public static FactorGrantedAuthority totp(Instant issuedAt) {
		return FactorGrantedAuthority.withAuthority(TOTP_AUTHORITY).issuedAt(issuedAt).build();
	}

	public static FactorGrantedAuthority passkey(Instant issuedAt) {
		return FactorGrantedAuthority.withAuthority(WEBAUTHN_AUTHORITY).issuedAt(issuedAt).build();
	}

	public static FactorGrantedAuthority recovery(Instant issuedAt) {
		return FactorGrantedAuthority.withAuthority(RECOVERY_AUTHORITY).issuedAt(issuedAt).build();
	}

	public static boolean hasRecovery(Authentication authentication) {
		return has(authentication, RECOVERY_AUTHORITY);
	}

	public static boolean hasPasskey(Authentication authentication) {
		return has(authentication, WEBAUTHN_AUTHORITY);
	}

	public static boolean has(Authentication authentication, String authority) {
		if (authentication == null) {
			return false;
		}
		for (GrantedAuthority granted : authentication.getAuthorities()) {
			if (authority.equals(granted.getAuthority())) {
				return true;
			}
		}
		return false;
	}

	public static boolean hasSms(Authentication authentication) {
		return has(authentication, SMS_AUTHORITY);
	}

	public static boolean hasTotp(Authentication authentication) {
		return has(authentication, TOTP_AUTHORITY);
	}

	/** The SMS factor, the authenticator-app factor or a recovery code: each one is the application's MFA step. */
	public static boolean hasSecondFactor(Authentication authentication) {
		return hasSms(authentication) || hasTotp(authentication) || hasRecovery(authentication);
	}

	/** When the password factor was proven, or null (for "fresh sign-in" rules). */
	public static Instant passwordTime(Authentication authentication) {
		if (authentication != null) {
			for (GrantedAuthority granted : authentication.getAuthorities()) {
				if (granted instanceof FactorGrantedAuthority factor && PASSWORD_AUTHORITY.equals(factor.getAuthority())) {
					return factor.getIssuedAt();
				}
			}
		}
		return null;
	}

	/** When the newest factor was proven (the OIDC {@code auth_time}), or null. */
	public static Instant authenticationTime(Authentication authentication) {
		Instant newest = null;
		if (authentication != null) {
			for (GrantedAuthority granted : authentication.getAuthorities()) {
				if (granted instanceof FactorGrantedAuthority factor
						&& (newest == null || factor.getIssuedAt().isAfter(newest))) {
					newest = factor.getIssuedAt();
				}
			}
		}
		return newest;
	}

}
