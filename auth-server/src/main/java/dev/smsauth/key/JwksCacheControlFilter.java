package dev.smsauth.key;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells relying parties how long they may cache the JWKS ({@code auth.keys.jwks-max-age}). The
 * publication delay of a new key is longer than that, so a cache kept as told never misses a key.
 * Spring Security's default {@code no-store} header writer leaves a Cache-Control that is already
 * set alone.
 */
public final class JwksCacheControlFilter extends OncePerRequestFilter {

	private final RequestMatcher jwks;

	private final String cacheControl;

	public JwksCacheControlFilter(String jwkSetEndpoint, Duration maxAge) {
		this.jwks = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, jwkSetEndpoint);
		this.cacheControl = "public, max-age=" + maxAge.toSeconds();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (jwks.matches(request)) {
			response.setHeader("Cache-Control", cacheControl);
		}
		chain.doFilter(request, response);
	}

}
