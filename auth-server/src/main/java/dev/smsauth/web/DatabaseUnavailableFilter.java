package dev.smsauth.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns "database out of reach" into 503 with {@code Retry-After}, wherever it happens. It has to
 * be a filter outside Spring Session's: the session is read from the database on every request,
 * inside filters (Spring Session, Spring Security, the authorization server's endpoints), before
 * any controller or {@code @ExceptionHandler} could see the failure, and Tomcat would answer 500.
 *
 * <p>Narrow on purpose: only failures {@link DatabaseUnavailable} recognises, and only while the
 * response is not committed. The 503 is sent with {@code sendError}, so {@link ErrorPageController}
 * answers it like any other error: problem+json for the API and non-browser callers, the error
 * page for browsers. That error dispatch is shown the request without its cookies: otherwise
 * Spring Session would try to load the session again (Spring MVC reads flash attributes from it on
 * every dispatch) and fail the same way. Should the error dispatch fail on the database anyway, a
 * bare 503 is left.
 */
final class DatabaseUnavailableFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

	private static final String ANSWERED = DatabaseUnavailableFilter.class.getName() + ".answered";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean ourErrorDispatch = request.getDispatcherType() == DispatcherType.ERROR
				&& request.getAttribute(ANSWERED) != null;
		try {
			chain.doFilter(ourErrorDispatch ? new WithoutCookies(request) : request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			if (!DatabaseUnavailable.isCause(ex) || response.isCommitted()) {
				throw ex;
			}
			// One line, no stack trace: an outage makes every request fail the same way.
			log.warn("Database unavailable, answering 503 to {} {}: {}", request.getMethod(), request.getRequestURI(),
					rootCause(ex));
			response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS);
			if (request.getDispatcherType() == DispatcherType.ERROR) {
				response.resetBuffer();
				response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
				response.setContentType("text/plain;charset=UTF-8");
				response.getWriter().write("Service temporarily unavailable. Try again shortly.\n");
			}
			else {
				request.setAttribute(ANSWERED, Boolean.TRUE);
				response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			}
		}
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	/** The request as the error page sees it: no cookies, so no session to look up. */
	private static final class WithoutCookies extends HttpServletRequestWrapper {

		WithoutCookies(HttpServletRequest request) {
			super(request);
		}

		@Override
		public Cookie[] getCookies() {
			return null;
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.COOKIE.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.COOKIE.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public String getRequestedSessionId() {
			return null;
		}

	}

	private static String rootCause(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName();
	}

}
