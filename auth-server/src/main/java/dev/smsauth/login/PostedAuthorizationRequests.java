package dev.smsauth.login;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An authorization request sent by POST (OpenID Connect Core 3.1.2.1 allows it) is answered with
 * 303 to the same request by GET, so every rule sees it the same way: {@code prompt} and
 * {@code max_age} (which {@link PromptAndMaxAgeFilter} reads from GET requests only), {@code acr_values},
 * {@code ui_locales}, {@code login_hint} (accepted and kept with the request), and the saved request that brings the browser back after each sign-in
 * step (Spring Security saves GET requests only, so a POSTed request would be lost at the sign-in
 * page). The parameters are the ones a GET would carry anyway; unknown ones are already hidden by
 * {@link KnownAuthorizationParametersFilter}, which runs first. The consent form also posts to this
 * endpoint but carries no {@code response_type}: it is left alone.
 */
public final class PostedAuthorizationRequests extends OncePerRequestFilter {

	private static final int MAX_LOCATION = 6 * 1024;

	private final String authorizationEndpoint;

	public PostedAuthorizationRequests(String authorizationEndpoint) {
		this.authorizationEndpoint = authorizationEndpoint;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || request.getParameter("response_type") == null
				|| !authorizationEndpoint.equals(request.getRequestURI().substring(request.getContextPath().length()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		StringJoiner query = new StringJoiner("&", request.getRequestURI() + "?", "");
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			if (!"_csrf".equals(parameter.getKey())) {
				for (String value : parameter.getValue()) {
					// Strict form encoding: a literal '+' in a value must not come back as a space.
					query.add(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8) + "="
							+ URLEncoder.encode(value, StandardCharsets.UTF_8));
				}
			}
		}
		if (query.length() > MAX_LOCATION) {
			// As long a GET would not pass the server's 8 KB header limit: refused the same way (and
			// the Location header itself must stay under that limit, or the answer would be a 500).
			response.sendError(HttpStatus.BAD_REQUEST.value());
			return;
		}
		response.setStatus(HttpStatus.SEE_OTHER.value());
		response.setHeader("Location", query.toString());
	}

}
