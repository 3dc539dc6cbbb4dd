package dev.smsauth.user;

/**
 * Whether a user has a confirmed authenticator app (TOTP). An interface of the account's own
 * package, implemented in {@code mfa.totp}, so the user API and every second-factor rule can ask
 * while {@code user} imports nothing from {@code mfa} (mfa depends on user, never the reverse).
 */
public interface AuthenticatorApps {

	boolean isSetUp(String userId);

}
