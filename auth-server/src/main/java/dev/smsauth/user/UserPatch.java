package dev.smsauth.user;

import java.util.Optional;

/**
 * A partial update. A {@code null} component means "leave as is"; {@code Optional.empty()} means
 * "remove" (JSON {@code null}), which only the optional attributes allow.
 */
public record UserPatch(Optional<String> username, Optional<String> phoneNumber, Optional<String> email,
		Optional<String> password, Optional<String> name, Optional<Boolean> enabled,
		Optional<Boolean> admin) {

	/** A patch without the admin flag (the console's profile form, the older API shape). */
	public UserPatch(Optional<String> username, Optional<String> phoneNumber, Optional<String> email,
			Optional<String> password, Optional<String> name, Optional<Boolean> enabled) {
		this(username, phoneNumber, email, password, name, enabled, null);
	}

	@Override
	public String toString() {
		return "UserPatch[username=" + username + ", password=" + (password == null ? "unchanged" : "<hidden>") + "]";
	}

}
