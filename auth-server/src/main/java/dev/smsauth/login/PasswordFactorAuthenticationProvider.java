package dev.smsauth.login;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.smsauth.mfa.Factors;

import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Password sign-in (the framework's {@link DaoAuthenticationProvider}: Argon2id, and a dummy hash
 * for unknown accounts so timing does not reveal them), with the password factor's time taken
 * from our {@link Clock}. That time becomes {@code auth_time} and is what {@code max_age} is
 * measured against, so both must come from the same clock as the SMS factor.
 *
 * <p>Unknown, disabled and existing accounts cost the same and count the same: every attempt takes
 * its failure slot first, every attempt pays one hash, and the account's status is looked at only
 * after its password was checked. (The framework checks the status first; Spring Security 7.0 still
 * runs the hash then by default, {@code alwaysPerformAdditionalChecksOnUser}, but here the cost
 * does not hang on a default, and a wrong password is a wrong password whatever the status.) The
 * page says the same for a disabled account as for a wrong password, even to someone who typed the
 * right one: "disabled" would tell them the account exists and the password is right. The audit
 * records "disabled", which then means the password was right.
 */
@Component
class PasswordFactorAuthenticationProvider implements AuthenticationProvider {

	private final DaoAuthenticationProvider delegate;

	private final Clock clock;

	private final SignInThrottle throttle;

	PasswordFactorAuthenticationProvider(SignInUserDetailsService users, PasswordEncoder passwordEncoder, Clock clock,
			SignInThrottle throttle) {
		this.delegate = new DaoAuthenticationProvider(users);
		this.delegate.setPasswordEncoder(passwordEncoder);
		this.delegate.setUserDetailsPasswordService(users);
		// Status (disabled, locked, expired) after the password, not before.
		this.delegate.setPreAuthenticationChecks(user -> {
		});
		this.delegate.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
		this.clock = clock;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String identifier = authentication.getName();
		String ip = authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
		// Counted as a failure before the password is checked (and given back when it was right): a
		// refused attempt costs no hash and teaches the guesser nothing, and parallel guesses can not
		// slip past the limits between a check and a count.
		SignInThrottle.Attempt attempt = throttle.reserve(identifier, ip);
		attempt.refusal().ifPresent(wait -> {
			throw new SignInThrottledException(wait);
		});
		Authentication result = delegate.authenticate(authentication);
		throttle.succeeded(attempt);
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (GrantedAuthority authority : result.getAuthorities()) {
			if (!Factors.PASSWORD_AUTHORITY.equals(authority.getAuthority())) {
				authorities.add(authority);
			}
		}
		authorities.add(FactorGrantedAuthority.withAuthority(Factors.PASSWORD_AUTHORITY).issuedAt(clock.instant()).build());
		UsernamePasswordAuthenticationToken timed = UsernamePasswordAuthenticationToken
			.authenticated(result.getPrincipal(), null, authorities);
		timed.setDetails(result.getDetails());
		return timed;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return delegate.supports(authentication);
	}

}
