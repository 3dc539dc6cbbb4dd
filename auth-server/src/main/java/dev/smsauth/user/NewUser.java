package dev.smsauth.user;

/**
 * What an administrator supplies to create a user; {@code phoneNumber}, {@code email}, {@code name}
 * and {@code admin} (may use the console) are optional.
 */
public record NewUser(String username, String phoneNumber, String email, String password, String name, Boolean admin) {

	public NewUser(String username, String phoneNumber, String email, String password, String name) {
		this(username, phoneNumber, email, password, name, false);
	}

	@Override
	public String toString() {
		return "NewUser[username=" + username + ", password=<hidden>]";
	}

}
