package dev.smsauth.login;

import dev.smsauth.user.UserService;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Resolves the one sign-in field (phone number, email or username) to an account. The principal
 * name is the account's stable id, so the OIDC {@code sub} survives a username or email change.
 * Unknown identifiers still cost one password hash (DaoAuthenticationProvider compares against a
 * dummy hash), so timing does not tell whether an account exists.
 */
@Component
class SignInUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

	private final UserService users;

	SignInUserDetailsService(UserService users) {
		this.users = users;
	}

	@Override
	public UserDetails loadUserByUsername(String identifier) {
		return users.findBySignInIdentifier(identifier)
			.map(u -> User.withUsername(u.id())
				.password(u.passwordHash())
				.disabled(!u.enabled())
				.roles(u.admin() ? new String[] { "USER", "ADMIN" } : new String[] { "USER" })
				.build())
			.orElseThrow(() -> new UsernameNotFoundException("no such account"));
	}

	/** Stores a re-encoded hash after a successful sign-in with an outdated one (e.g. bcrypt to Argon2id). */
	@Override
	public UserDetails updatePassword(UserDetails user, String newEncodedPassword) {
		// user.getPassword() is the hash the sign-in was just checked against.
		users.replacePasswordHash(user.getUsername(), user.getPassword(), newEncodedPassword);
		return User.withUserDetails(user).password(newEncodedPassword).build();
	}

}
