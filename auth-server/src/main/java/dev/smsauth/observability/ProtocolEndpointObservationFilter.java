package dev.smsauth.observability;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Names the authorization server's protocol endpoints in {@code http.server.requests}. They are
 * security filters, not MVC handlers, so nothing else sets the observation's path pattern and
 * every one of them would be counted as {@code uri="UNKNOWN"}: the token endpoint's latency could
 * not be told from the authorize endpoint's. Only this fixed set of paths is ever used as a tag.
 */
final class ProtocolEndpointObservationFilter extends OncePerRequestFilter {

	private final Set<String> paths;

	ProtocolEndpointObservationFilter(Set<String> paths) {
		this.paths = Set.copyOf(paths);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (paths.contains(path)) {
			ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(path));
		}
		chain.doFilter(request, response);
	}

}
