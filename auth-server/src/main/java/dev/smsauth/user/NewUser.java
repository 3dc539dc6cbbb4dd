package dev.smsauth.user;

/** What an administrator supplies to create a user; {@code phoneNumber}, {@code email} and {@code name} are optional. */
public record NewUser(String username, String phoneNumber, String email, String password, String name) {

	@Override
	public String toString() {
		return "NewUser[username=" + username + ", password=<hidden>]";
	}

}
