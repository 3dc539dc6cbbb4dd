package dev.smsauth.mfa;

import java.util.function.Supplier;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The per-application rule on {@code /oauth2/authorize}: a signed-in user may get an
 * authorization code, and must also hold {@link Factors#SMS_AUTHORITY} when
 * {@link SmsRequirement} says so. The denial names the missing factor authority, so Spring
 * Security's missing-authority handler saves the request and sends the browser to the SMS page;
 * the authorization endpoint filter runs after this check, so no code is issued before it passes.
 */
public final class ClientMfaAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final AuthorizationManager<RequestAuthorizationContext> smsFactor = AuthorityAuthorizationManager
		.hasAuthority(Factors.SMS_AUTHORITY);

	private final SmsRequirement requirement;

	public ClientMfaAuthorizationManager(SmsRequirement requirement) {
		this.requirement = requirement;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		Authentication current = authentication.get();
		if (!trustResolver.isAuthenticated(current)) {
			return new AuthorizationDecision(false);
		}
		if (!requirement.isRequired(context.getRequest())) {
			return new AuthorizationDecision(true);
		}
		return smsFactor.authorize(authentication, context);
	}

}
