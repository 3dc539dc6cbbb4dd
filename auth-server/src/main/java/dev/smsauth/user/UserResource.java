package dev.smsauth.user;

import java.time.Instant;

/** A user in the management API. */
record UserResource(String id, String username, String email, String phoneNumber, String name, boolean enabled,
		boolean admin, Instant createdAt, Instant updatedAt) {

	static UserResource of(UserAccount u) {
		return new UserResource(u.id(), u.username(), u.email(), u.phoneNumber(), u.displayName(), u.enabled(),
				u.admin(), u.createdAt(), u.updatedAt());
	}

}
