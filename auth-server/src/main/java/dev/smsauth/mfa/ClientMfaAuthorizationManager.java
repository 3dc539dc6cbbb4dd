package dev.smsauth.mfa;

import java.util.function.Supplier;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The rule on {@code /oauth2/authorize}: a signed-in user may get an authorization code once
 * {@link SecondFactorPolicy} says the application's second factor is satisfied (or not needed).
 * A denial names the factor to ask for, so Spring Security's missing-authority handler saves the
 * request and sends the browser to that step. The authorization endpoint filter runs after this
 * check, so no code is issued before it passes.
 *
 * <p>Only the session's own sign-in counts ({@link SessionSignIn}): an authentication that is not
 * the one stored in this browser session, such as one built from a bearer token, is refused even
 * when it carries factor authorities, because those factors would then belong to someone else.
 */
public final class ClientMfaAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final SecondFactorPolicy policy;

	public ClientMfaAuthorizationManager(SecondFactorPolicy policy) {
		this.policy = policy;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		Authentication current = authentication.get();
		if (!trustResolver.isAuthenticated(current)) {
			return new AuthorizationDecision(false);
		}
		// No code to a principal other than the one who passed the factors in this session.
		if (!SessionSignIn.isOwnedBy(current, context.getRequest())) {
			return new AuthorizationDecision(false);
		}
		return policy.forAuthorization(context.getRequest(), SessionSignIn.of(context.getRequest()))
			.toAuthorizationResult();
	}

}
