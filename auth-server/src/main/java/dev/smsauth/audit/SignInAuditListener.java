package dev.smsauth.audit;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureDisabledEvent;
import org.springframework.security.authentication.event.AuthenticationFailureExpiredEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * The password step of the hosted sign-in, from the events Spring Security's ProviderManager
 * publishes (Spring Boot's DefaultAuthenticationEventPublisher, which reaches the form login's
 * manager through AuthenticationConfiguration). Only {@link UsernamePasswordAuthenticationToken}s
 * are the password step: bearer tokens and client authentications are other events.
 */
@Component
class SignInAuditListener {

	private final AuditLog audit;

	SignInAuditListener(AuditLog audit) {
		this.audit = audit;
	}

	@EventListener
	void passwordAccepted(AuthenticationSuccessEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken signedIn) {
			// The security context does not hold the new sign-in yet: the person who just proved
			// the password is the actor. The principal name is the account id.
			String userId = signedIn.getName();
			audit.record(AuditEventType.SIGN_IN_PASSWORD_ACCEPTED, Actor.user(userId), userId,
					PendingAuthorization.clientId(), null);
		}
	}

	@EventListener
	void passwordRefused(AbstractAuthenticationFailureEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken) {
			// Never the typed identifier: people type their password into the wrong field. No user id
			// either: the failure does not carry the account, and resolving the typed text again
			// would pin a mistyped identifier on whoever it happens to match.
			audit.record(AuditEventType.SIGN_IN_PASSWORD_REFUSED, null, PendingAuthorization.clientId(), kind(event));
		}
	}

	private static String kind(AbstractAuthenticationFailureEvent event) {
		if (event instanceof AuthenticationFailureBadCredentialsEvent) {
			return "bad credentials";
		}
		if (event instanceof AuthenticationFailureDisabledEvent) {
			return "disabled";
		}
		if (event instanceof AuthenticationFailureLockedEvent) {
			return "locked";
		}
		if (event instanceof AuthenticationFailureExpiredEvent) {
			return "account expired";
		}
		return "failed";
	}

}
