package dev.smsauth.demo.login;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import dev.smsauth.demo.registration.AuthorizationServerUnavailableException;

/**
 * Handles failures while starting sign-in ({@code /oauth2/authorization/smsauth}).
 * <p>
 * Spring Security answers every such failure with a bare 500. An auth server that is
 * still starting is an expected situation, so it becomes a 503 that the error page turns
 * into a friendly "not reachable yet" explanation.
 */
final class AuthorizationRequestFailureHandler implements AuthenticationFailureHandler {

	private static final Log logger = LogFactory.getLog(AuthorizationRequestFailureHandler.class);

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		AuthorizationServerUnavailableException unavailable = AuthorizationServerUnavailableException
			.findIn(exception);
		if (unavailable != null) {
			logger.warn(unavailable.getMessage() + ": " + unavailable.getCause());
			// The error page reads it to explain what went wrong (request attributes survive
			// the error dispatch).
			request.setAttribute(AuthorizationServerUnavailableException.class.getName(), unavailable);
			response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
			return;
		}
		// The only other failure the resolver raises is an unknown registration id in the
		// path, i.e. a page that does not exist.
		logger.debug("Could not start sign-in", exception);
		response.sendError(HttpStatus.NOT_FOUND.value());
	}

}
