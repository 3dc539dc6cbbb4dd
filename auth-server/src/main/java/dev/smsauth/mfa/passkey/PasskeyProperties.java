package dev.smsauth.mfa.passkey;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Passkeys ({@code auth.passkeys.*}). The relying party id and the allowed origin are not set
 * here: they follow from the issuer ({@link RelyingParty}), so a passkey is bound to the address
 * people actually sign in at.
 *
 * @param rpName the name browsers show when a passkey is created
 * @param rpId optional: a registrable suffix of the issuer's host (e.g. {@code example.com} for
 * {@code login.example.com}); blank means the issuer's host itself
 */
@ConfigurationProperties("auth.passkeys")
public record PasskeyProperties(@DefaultValue("SMS Auth") String rpName, String rpId) {

}
