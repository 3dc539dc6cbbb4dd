package dev.smsauth.client;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;

/**
 * The form of the access tokens an application receives. {@code jwt}: signed and self-contained,
 * resource servers check them offline against the JWKS. {@code reference}: an opaque random
 * string that says nothing to its holder, costs no signature, and is checked by asking us (RFC 7662
 * introspection), so revoking it counts at once everywhere. ID tokens are JWTs either way.
 */
public enum AccessTokenFormat {

	JWT("jwt", OAuth2TokenFormat.SELF_CONTAINED),

	REFERENCE("reference", OAuth2TokenFormat.REFERENCE);

	private final String value;

	private final OAuth2TokenFormat tokenFormat;

	AccessTokenFormat(String value, OAuth2TokenFormat tokenFormat) {
		this.value = value;
		this.tokenFormat = tokenFormat;
	}

	/** The name in the management API and the console form. */
	public String value() {
		return value;
	}

	OAuth2TokenFormat tokenFormat() {
		return tokenFormat;
	}

	/** Exact, lower-case names only: the API documents two values, not their spellings. */
	static Optional<AccessTokenFormat> of(String value) {
		return Arrays.stream(values()).filter(f -> f.value.equals(value)).findFirst();
	}

	/** A client registered before the setting existed, or by hand, has the framework's default (JWT). */
	static AccessTokenFormat of(OAuth2TokenFormat tokenFormat) {
		return OAuth2TokenFormat.REFERENCE.equals(tokenFormat) ? REFERENCE : JWT;
	}

}
