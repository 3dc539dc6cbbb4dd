package dev.smsauth.login;

import java.io.IOException;

import dev.smsauth.user.UserService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A session remembers a sign-in, not whether the account may still be used. Disabling or deleting
 * a user ends their sessions ({@code revocation.SessionsAndGrantsRevocation}); this filter is the
 * second line for a session that escaped that (a request in flight at the moment, a row written
 * back): on the authorization endpoint and the hosted pages it reads the account by primary key
 * and, when it is gone or disabled, ends the session there and then. The request carries on
 * anonymous, so the usual entry point sends the browser to the sign-in page (or {@code prompt=none}
 * answers {@code login_required}), and no authorization code is issued.
 *
 * <p>Runs after CSRF and before the anonymous filter, so the rules that follow see the outcome.
 */
public final class DisabledAccountSignOut extends OncePerRequestFilter {

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final SecurityContextLogoutHandler signOut = new SecurityContextLogoutHandler();

	private final UserService users;

	private final RequestMatcher applies;

	public DisabledAccountSignOut(UserService users, RequestMatcher applies) {
		this.users = users;
		this.applies = applies;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (applies.matches(request)) {
			Authentication current = SecurityContextHolder.getContext().getAuthentication();
			if (trustResolver.isAuthenticated(current) && !users.isActive(current.getName())) {
				signOut.logout(request, response, current);
			}
		}
		chain.doFilter(request, response);
	}

}
