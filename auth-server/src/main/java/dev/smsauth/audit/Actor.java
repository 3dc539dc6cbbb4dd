package dev.smsauth.audit;

import java.util.List;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
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
		if (authentication instanceof JwtAuthenticationToken bearer) {
			return fromJwt(bearer.getToken());
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
	private static Actor fromJwt(Jwt jwt) {
		String subject = jwt.getSubject();
		String clientId = jwt.getClaimAsString("client_id");
		List<String> audience = jwt.getAudience();
		if (clientId == null && audience != null && audience.size() == 1) {
			clientId = audience.get(0);
		}
		if (subject == null || subject.equals(clientId)) {
			return new Actor(ActorType.CLIENT, subject != null ? subject : clientId);
		}
		return user(subject);
	}

}
