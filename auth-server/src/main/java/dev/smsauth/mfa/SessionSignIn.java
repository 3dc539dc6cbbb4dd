package dev.smsauth.mfa;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Who signed in through this browser session, and which factors that person proved in it: the
 * authentication the sign-in page and the factor steps stored in the session ({@link ProvenFactors}
 * always adds a factor to that same principal). Rules that hand out codes compare it with the
 * authentication they are asked about, so factors never count for anyone but their owner.
 */
public final class SessionSignIn {

	private SessionSignIn() {
	}

	/** The session's signed-in authentication, or null when the session has none. */
	public static Authentication of(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return null;
		}
		Object stored = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		return stored instanceof SecurityContext context ? context.getAuthentication() : null;
	}

	/**
	 * Whether {@code current} is the session's own sign-in: same principal name, and the factors it
	 * shows are the ones that principal proved here. Anything else (an authentication built from a
	 * token, or one that merged someone else's factors) is not a sign-in.
	 */
	public static boolean isOwnedBy(Authentication current, HttpServletRequest request) {
		Authentication owner = of(request);
		return current != null && owner != null && owner.isAuthenticated() && owner.getName().equals(current.getName())
				&& owner.getClass() == current.getClass();
	}

}
