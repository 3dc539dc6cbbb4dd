package dev.smsauth.user;

import java.time.Instant;

/**
 * A person who can sign in. {@code id} is the OpenID Connect subject and never changes; the
 * username, email and phone number are sign-in identifiers, stored normalised.
 * {@code phoneNumberVerified} says the holder proved the number on the account with a code sent
 * to it; a number set by an administrator is not proven until then.
 */
public record UserAccount(String id, String username, String email, String phoneNumber, String displayName,
		String passwordHash, boolean enabled, Instant createdAt, Instant updatedAt, boolean admin,
		boolean phoneNumberVerified) {

	/** The name shown to relying parties: the display name if set, else the username. */
	public String name() {
		return displayName != null ? displayName : username;
	}

	/**
	 * The same account with some attributes replaced; the id and creation time never change. A
	 * different phone number is not proven (yet), the same one keeps what was known about it.
	 */
	UserAccount with(String username, String email, String phoneNumber, String displayName, String passwordHash,
			boolean enabled, boolean admin, Instant updatedAt) {
		boolean verified = phoneNumberVerified && phoneNumber != null && phoneNumber.equals(this.phoneNumber);
		return new UserAccount(id, username, email, phoneNumber, displayName, passwordHash, enabled, createdAt,
				updatedAt, admin, verified);
	}

	/** The same account holding a number its holder has just proven with a code. */
	UserAccount withProvenPhoneNumber(String e164, Instant updatedAt) {
		return new UserAccount(id, username, email, e164, displayName, passwordHash, enabled, createdAt, updatedAt,
				admin, true);
	}

	public boolean hasPhoneNumber() {
		return phoneNumber != null;
	}

}
