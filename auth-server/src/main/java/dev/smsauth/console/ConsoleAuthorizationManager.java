package dev.smsauth.console;

import java.util.function.Supplier;

import dev.smsauth.mfa.SecondFactorPolicy;
import dev.smsauth.user.UserAccount;
import dev.smsauth.user.UserService;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The console is an application that always requires the MFA step (SMS, or the stronger
 * authenticator app), and only administrators may use it. A signed-in administrator without a
 * second factor is denied with the factor to ask for named (the app if they set one up, else
 * SMS), so the browser is sent to that step and comes back; anyone else gets 403.
 *
 * <p>Whether someone is an administrator is read from the account on every console request (one
 * primary-key read), never from the role remembered in the session at sign-in: removing
 * {@code admin} or disabling the account counts at the very next request, on every node.
 */
public final class ConsoleAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final SecondFactorPolicy policy;

	private final UserService users;

	public ConsoleAuthorizationManager(SecondFactorPolicy policy, UserService users) {
		this.policy = policy;
		this.users = users;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		Authentication current = authentication.get();
		if (!trustResolver.isAuthenticated(current)) {
			return new AuthorizationDecision(false);
		}
		boolean administrator = users.find(current.getName())
			.filter(UserAccount::enabled)
			.map(UserAccount::admin)
			.orElse(false);
		if (!administrator) {
			return new AuthorizationDecision(false);
		}
		return policy.forConsole(context.getRequest(), current).toAuthorizationResult();
	}

}
