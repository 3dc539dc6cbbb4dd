package dev.smsauth.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * The last step of a sign-in (the password when no factor is asked for, a factor's code) answers
 * with what the waiting authorization request answers, usually the redirect to the application
 * with its code, instead of 303 to that request only for the endpoint to redirect the browser
 * again. One request less for the browser, and for the server one pass of Tomcat, the filters and
 * the session less. Keycloak's sign-in forms answer the same way.
 *
 * <p>The waiting request is resumed as a GET forwarded to inside this request. It goes through the
 * protocol chain's own filters and rules, so the endpoint decides exactly as it would have for the
 * browser's GET: the same address (with its {@code continue} mark), the same saved request, the
 * signed-in user this request has just made. Only its query reaches it: the step's own form (the
 * code, the CSRF token) is not a parameter of the forwarded request, and its method is GET. Each
 * redirect the endpoint answers with goes out as 303, because the browser's request was a POST that
 * carried a code or a password (RFC 9700 4.12).
 *
 * <p>Only the authorization endpoint is resumed so. A step that continues elsewhere (the console,
 * the account pages, home) still redirects there.
 */
@Component
public class ResumedInPlace {

	private final String authorizationEndpoint;

	public ResumedInPlace(AuthorizationServerSettings settings) {
		this.authorizationEndpoint = settings.getAuthorizationEndpoint();
	}

	/**
	 * The path and query to forward to when {@code url} (a saved request's address) is this server's
	 * authorization endpoint with a query; else {@code null}.
	 */
	String forwardPath(HttpServletRequest request, String url) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return null;
		}
		String path = uri.getRawPath();
		String query = uri.getRawQuery();
		if (path == null || query == null || !path.equals(request.getContextPath() + authorizationEndpoint)) {
			return null;
		}
		return authorizationEndpoint + "?" + query;
	}

	/**
	 * Resumes {@code url} inside this request when it is the authorization endpoint, else answers
	 * 303 to it.
	 */
	public void resume(String url, HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		String forwardPath = forwardPath(request, url);
		if (forwardPath == null) {
			seeOther(response, url);
			return;
		}
		// Spring MVC and the filter chain's matchers keep the parsed path of this request (the step's
		// own) in attributes; the forwarded request must be matched by its own path.
		Object parsedPath = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
		Object lookupPath = request.getAttribute(UrlPathHelper.PATH_ATTRIBUTE);
		request.removeAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
		request.removeAttribute(UrlPathHelper.PATH_ATTRIBUTE);
		try {
			RequestDispatcher dispatcher = request.getRequestDispatcher(forwardPath);
			dispatcher.forward(new AsGet(request, forwardPath.substring(forwardPath.indexOf('?') + 1)),
					new RedirectsAsSeeOther(response));
		}
		finally {
			restore(request, ServletRequestPathUtils.PATH_ATTRIBUTE, parsedPath);
			restore(request, UrlPathHelper.PATH_ATTRIBUTE, lookupPath);
		}
	}

	/** For a controller: a view that {@linkplain #resume resumes} {@code url}. */
	public View to(String url) {
		return (model, request, response) -> resume(url, request, response);
	}

	private static void restore(HttpServletRequest request, String name, Object value) {
		if (value == null) {
			request.removeAttribute(name);
		}
		else {
			request.setAttribute(name, value);
		}
	}

	private static void seeOther(HttpServletResponse response, String url) {
		response.setStatus(HttpStatus.SEE_OTHER.value());
		response.setHeader("Location", url);
	}

	/**
	 * The step's POST as the GET it resumes: the forward's query is its only parameters, and it has
	 * no body. (Tomcat puts its own forward wrapper beneath the application's, and that one adds the
	 * POST's form to the query's parameters: this wrapper, above it, answers from the query alone.)
	 */
	static final class AsGet extends HttpServletRequestWrapper {

		private final Map<String, String[]> parameters;

		AsGet(HttpServletRequest request, String query) {
			super(request);
			this.parameters = parse(query);
		}

		static Map<String, String[]> parse(String query) {
			Map<String, List<String>> values = new LinkedHashMap<>();
			for (String pair : query.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int eq = pair.indexOf('=');
				try {
					String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
					String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
					values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
				}
				catch (IllegalArgumentException ex) {
					// A pair that is not valid percent-encoding (the saved query is the browser's, as sent):
					// left out, as Tomcat leaves it out of a request's parameters, never a 500.
				}
			}
			Map<String, String[]> parameters = new LinkedHashMap<>();
			values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
			return Collections.unmodifiableMap(parameters);
		}

		@Override
		public String getMethod() {
			return "GET";
		}

		@Override
		public String getParameter(String name) {
			String[] values = parameters.get(name);
			return values == null ? null : values[0];
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return parameters;
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(parameters.keySet());
		}

		@Override
		public String[] getParameterValues(String name) {
			String[] values = parameters.get(name);
			return values == null ? null : values.clone();
		}

		@Override
		public String getContentType() {
			return null;
		}

		@Override
		public int getContentLength() {
			return -1;
		}

		@Override
		public long getContentLengthLong() {
			return -1;
		}

		@Override
		public String getHeader(String name) {
			return "Content-Type".equalsIgnoreCase(name) || "Content-Length".equalsIgnoreCase(name) ? null
					: super.getHeader(name);
		}

	}

	/**
	 * Every redirect as 303 See Other. Status and header only, as {@link SeeOther} answers: the
	 * session and the security headers are written when the forward closes the response, through
	 * the wrappers of this request.
	 */
	static final class RedirectsAsSeeOther extends HttpServletResponseWrapper {

		RedirectsAsSeeOther(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void sendRedirect(String location) {
			seeOther(this, location);
		}

		@Override
		public void sendRedirect(String location, int sc, boolean clearBuffer) {
			if (clearBuffer) {
				resetBuffer();
			}
			seeOther(this, location);
		}

	}

}
