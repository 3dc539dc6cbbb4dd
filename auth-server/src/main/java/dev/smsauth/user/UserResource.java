package dev.smsauth.user;

import java.time.Instant;

/**
 * A user in the management API. {@code authenticatorApp} (read-only) says whether the user has a
 * confirmed authenticator app; the secret itself never leaves the server. {@code phoneNumberVerified}
 * (read-only) says the holder proved the number with a code; setting a number makes it false.
 */
record UserResource(String id, String username, String email, String phoneNumber, String name, boolean enabled,
		boolean admin, Instant createdAt, Instant updatedAt, boolean authenticatorApp, boolean phoneNumberVerified) {

	static UserResource of(UserAccount u, boolean authenticatorApp) {
		return new UserResource(u.id(), u.username(), u.email(), u.phoneNumber(), u.displayName(), u.enabled(),
				u.admin(), u.createdAt(), u.updatedAt(), authenticatorApp, u.phoneNumberVerified());
	}

}
