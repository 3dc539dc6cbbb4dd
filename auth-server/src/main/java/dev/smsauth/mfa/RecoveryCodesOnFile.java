package dev.smsauth.mfa;

/**
 * Does this account have an unused recovery code? Implemented by {@code mfa.recovery}; an
 * interface here so the factor pages ({@code mfa.sms} among them, which recovery codes use for the
 * shared failure budget) can offer the link without a cycle between the packages.
 */
public interface RecoveryCodesOnFile {

	boolean hasCodes(String userId);

}
