package dev.smsauth.mfa;

import java.util.Arrays;
import java.util.Optional;

/**
 * The second factors an application may accept, by the names of the management API's
 * {@code mfa.factors}, each with the factor authority that proves it ({@code passkey}: Spring
 * Security's own WebAuthn factor, proven at the passkey step).
 */
public enum SecondFactor {

	SMS("sms", Factors.SMS_AUTHORITY), TOTP("totp", Factors.TOTP_AUTHORITY), PASSKEY("passkey", Factors.WEBAUTHN_AUTHORITY);

	private final String value;

	private final String authority;

	SecondFactor(String value, String authority) {
		this.value = value;
		this.authority = authority;
	}

	public String value() {
		return value;
	}

	public String authority() {
		return authority;
	}

	public static Optional<SecondFactor> of(String value) {
		return Arrays.stream(values()).filter(f -> f.value.equals(value)).findFirst();
	}

}
