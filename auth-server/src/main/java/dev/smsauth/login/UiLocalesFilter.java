package dev.smsauth.login;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Remembers an authorization request's {@code ui_locales} in the session, so the sign-in and SMS
 * pages that follow the redirect speak the language the application asked for.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class UiLocalesFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Locale requested = UiLocalesLocaleResolver.fromUiLocales(request.getParameter("ui_locales"));
		if (requested != null) {
			request.getSession().setAttribute(UiLocalesLocaleResolver.SESSION_ATTRIBUTE, requested);
		}
		chain.doFilter(request, response);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().endsWith("/oauth2/authorize");
	}

}
