package dev.smsauth.console;

import java.util.function.Supplier;

import dev.smsauth.mfa.Factors;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The console is an application that always requires the SMS step, and only administrators may
 * use it. A signed-in administrator without the SMS factor is denied with the missing factor
 * named, so the browser is sent to the SMS step and comes back; anyone else gets 403.
 */
public final class ConsoleAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final AuthorizationManager<RequestAuthorizationContext> admin = AuthorityAuthorizationManager
		.hasRole("ADMIN");

	private final AuthorizationManager<RequestAuthorizationContext> smsFactor = AuthorityAuthorizationManager
		.hasAuthority(Factors.SMS_AUTHORITY);

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		if (!trustResolver.isAuthenticated(authentication.get())) {
			return new AuthorizationDecision(false);
		}
		AuthorizationResult isAdmin = admin.authorize(authentication, context);
		if (isAdmin == null || !isAdmin.isGranted()) {
			return new AuthorizationDecision(false);
		}
		return smsFactor.authorize(authentication, context);
	}

}
