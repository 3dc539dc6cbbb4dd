package dev.smsauth.mfa;

/**
 * Does this account have a passkey? Asked by {@link SecondFactorPolicy} to offer the passkey step
 * first; implemented by {@code mfa.passkey} over Spring Security's WebAuthn credential store.
 */
@FunctionalInterface
public interface RegisteredPasskeys {

	boolean hasPasskey(String userId);

}
