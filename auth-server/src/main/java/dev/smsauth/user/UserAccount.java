package dev.smsauth.user;

import java.time.Instant;

/**
 * A person who can sign in. {@code id} is the OpenID Connect subject and never changes; the
 * username, email and phone number are sign-in identifiers, stored normalised.
 */
public record UserAccount(String id, String username, String email, String phoneNumber, String displayName,
		String passwordHash, boolean enabled, Instant createdAt, Instant updatedAt, boolean admin) {

	/** The name shown to relying parties: the display name if set, else the username. */
	public String name() {
		return displayName != null ? displayName : username;
	}

	/** The same account with some attributes replaced; the id and creation time never change. */
	UserAccount with(String username, String email, String phoneNumber, String displayName, String passwordHash,
			boolean enabled, boolean admin, Instant updatedAt) {
		return new UserAccount(id, username, email, phoneNumber, displayName, passwordHash, enabled, createdAt,
				updatedAt, admin);
	}

	public boolean hasPhoneNumber() {
		return phoneNumber != null;
	}

}
