package dev.smsauth.mfa;

/**
 * Whether a user has a confirmed authenticator app (TOTP). An interface here, implemented in
 * {@code mfa.totp}, so the authorization rule, the SMS step and the user API can ask without
 * depending on the TOTP package (which itself depends on them).
 */
public interface AuthenticatorApps {

	boolean isSetUp(String userId);

}
