package dev.smsauth.audit;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.savedrequest.DefaultSavedRequest;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The application a sign-in is for: the {@code client_id} of the authorization request that
 * Spring Security saved in the session before sending the browser to the sign-in or SMS page.
 * Reading it costs no query; it is null when nothing is waiting (e.g. a direct visit to /login,
 * or the console).
 */
public final class PendingAuthorization {

	private static final RequestCache REQUEST_CACHE = new HttpSessionRequestCache();

	private static final int MAX_CLIENT_ID = 100;

	private PendingAuthorization() {
	}

	public static String clientId() {
		if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
			return null;
		}
		HttpServletRequest request = attributes.getRequest();
		if (request.getSession(false) == null) {
			return null;
		}
		SavedRequest saved = REQUEST_CACHE.getRequest(request, null);
		if (!(saved instanceof DefaultSavedRequest authorization)
				|| !String.valueOf(authorization.getRequestURI()).endsWith("/oauth2/authorize")) {
			return null;
		}
		String[] values = authorization.getParameterValues("client_id");
		if (values == null || values.length != 1 || values[0].isBlank() || values[0].length() > MAX_CLIENT_ID) {
			return null;
		}
		return values[0];
	}

}
