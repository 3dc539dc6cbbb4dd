package dev.smsauth.audit;

import java.util.Collection;
import java.util.Map;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;

/** Who an audit event is attributed to: a type and, except for SYSTEM and ANONYMOUS, an id. */
record Actor(ActorType type, String id) {

	static final Actor SYSTEM = new Actor(ActorType.SYSTEM, null);

	static final Actor ANONYMOUS = new Actor(ActorType.ANONYMOUS, null);

	static Actor user(String id) {
		return new Actor(ActorType.USER, id);
	}

	/**
	 * The actor of the current thread's security context. The principal name of a user
	 * authentication is the account id (see login.SignInUserDetailsService).
	 */
	static Actor current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		// A JWT or a reference token: both carry the same claims (the JWT's own, or those stored
		// with the reference token).
		if (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> bearer) {
			return fromClaims(bearer.getTokenAttributes());
		}
		if (authentication instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()) {
			return new Actor(ActorType.CLIENT, client.getName());
		}
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			// No request at all means the server is acting on its own (bootstrap, scheduled work).
			return RequestContextHolder.getRequestAttributes() == null ? SYSTEM : ANONYMOUS;
		}
		return user(authentication.getName());
	}

	/**
	 * A client_credentials token has the client id as its subject (and audience); a token issued
	 * to an application on behalf of a person has that person's id as its subject.
	 */
	private static Actor fromClaims(Map<String, Object> claims) {
		String subject = text(claims.get("sub"));
		String clientId = text(claims.get("client_id"));
		Object audience = claims.get("aud");
		if (clientId == null && audience instanceof Collection<?> values && values.size() == 1) {
			clientId = text(values.iterator().next());
		}
		else if (clientId == null && audience instanceof String single) {
			clientId = single;
		}
		if (subject == null || subject.equals(clientId)) {
			return new Actor(ActorType.CLIENT, subject != null ? subject : clientId);
		}
		return user(subject);
	}

	private static String text(Object value) {
		return value == null ? null : value.toString();
	}

}
