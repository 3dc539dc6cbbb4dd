package dev.smsauth.console;

import java.util.Optional;

import dev.smsauth.user.NewUser;
import dev.smsauth.user.UserAccount;
import dev.smsauth.user.UserPatch;

/** The user form as the browser posts it; blank optional fields mean "none". */
record UserForm(String username, String phoneNumber, String email, String name, String password, Boolean admin) {

	static UserForm empty() {
		return new UserForm("", "", "", "", null, false);
	}

	static UserForm of(UserAccount u) {
		return new UserForm(u.username(), u.phoneNumber(), u.email(), u.displayName(), null, u.admin());
	}

	NewUser toNewUser() {
		return new NewUser(username, blankToNull(phoneNumber), blankToNull(email), password, blankToNull(name),
				Boolean.TRUE.equals(admin));
	}

	/** The profile form: every field is sent, so a blank optional field removes the value. */
	UserPatch toProfilePatch() {
		return new UserPatch(Optional.ofNullable(username), Optional.ofNullable(blankToNull(phoneNumber)),
				Optional.ofNullable(blankToNull(email)), null, Optional.ofNullable(blankToNull(name)), null,
				Optional.of(Boolean.TRUE.equals(admin)));
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	@Override
	public String toString() {
		return "UserForm[username=" + username + ", password=<hidden>]";
	}

}
