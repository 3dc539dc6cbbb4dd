package dev.smsauth.demo.error;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

import dev.smsauth.demo.DemoClientProperties;
import dev.smsauth.demo.registration.AuthorizationServerUnavailableException;

/**
 * Renders our own pages instead of Boot's whitelabel page. An unreachable auth server
 * gets its own page with status 503, wherever it was noticed: while starting sign-in
 * (marked by a request attribute) or anywhere else (an exception on the error dispatch).
 */
@Component
class FriendlyErrorViewResolver implements ErrorViewResolver {

	private final DemoClientProperties properties;

	FriendlyErrorViewResolver(DemoClientProperties properties) {
		this.properties = properties;
	}

	@Override
	public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
		AuthorizationServerUnavailableException unavailable = unavailable(request);
		if (unavailable != null || status == HttpStatus.SERVICE_UNAVAILABLE) {
			String issuer = (unavailable != null) ? unavailable.getIssuer() : this.properties.issuer();
			boolean unreachable = unavailable == null || unavailable.isUnreachable();
			return new ModelAndView("demo/unavailable", Map.of("issuer", issuer, "unreachable", unreachable),
					HttpStatus.SERVICE_UNAVAILABLE);
		}
		// Deliberately no exception details: they help attackers more than users.
		return new ModelAndView("demo/error", Map.of("status", status.value(), "reason", status.getReasonPhrase()),
				status);
	}

	private static AuthorizationServerUnavailableException unavailable(HttpServletRequest request) {
		Object marked = request.getAttribute(AuthorizationServerUnavailableException.class.getName());
		if (marked instanceof AuthorizationServerUnavailableException exception) {
			return exception;
		}
		return (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable thrown)
				? AuthorizationServerUnavailableException.findIn(thrown) : null;
	}

}
