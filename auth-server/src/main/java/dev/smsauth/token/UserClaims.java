package dev.smsauth.token;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.smsauth.user.UserAccount;

/**
 * The standard claims (OIDC Core 5.4) a user releases for the granted scopes. Used for both the
 * ID token and the userinfo answer, so the two never disagree.
 */
final class UserClaims {

	private UserClaims() {
	}

	static Map<String, Object> forScopes(UserAccount user, Set<String> scopes) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", user.id());
		if (scopes.contains("profile")) {
			claims.put("name", user.name());
			claims.put("preferred_username", user.username());
			claims.put("updated_at", user.updatedAt().getEpochSecond());
		}
		if (scopes.contains("email") && user.email() != null) {
			claims.put("email", user.email());
			// Addresses are set by administrators, not proven by a link; say so.
			claims.put("email_verified", false);
		}
		if (scopes.contains("phone") && user.phoneNumber() != null) {
			claims.put("phone_number", user.phoneNumber());
			// True only once the holder typed a code sent to this very number (enrollment, a
			// self-service change or an SMS sign-in); a number an administrator set is not proven.
			claims.put("phone_number_verified", user.phoneNumberVerified());
		}
		return claims;
	}

}
