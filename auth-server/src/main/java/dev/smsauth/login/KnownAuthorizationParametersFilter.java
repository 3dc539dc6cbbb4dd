package dev.smsauth.login;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Unknown parameters on the authorization endpoint are ignored (RFC 6749 3.1), by hiding them
 * from the endpoint. The built-in endpoint would otherwise store them with the pending
 * authorization, and a repeated unknown parameter (a {@code String[]}) can not be read back by the
 * authorization service's JSON allow-list, turning harmless input into a failed token exchange.
 */
public final class KnownAuthorizationParametersFilter extends OncePerRequestFilter {

	static final Set<String> KNOWN = Set.of("response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
			"code_challenge", "code_challenge_method", "prompt", "max_age", "ui_locales", "acr_values", "login_hint",
			"id_token_hint", "claims_locales", "display", "response_mode", "request_uri", "request", "claims",
			"resource", "_csrf", "continue");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Map<String, String[]> known = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (KNOWN.contains(name)) {
				known.put(name, values);
			}
		});
		if (known.size() == request.getParameterMap().size()) {
			chain.doFilter(request, response);
			return;
		}
		chain.doFilter(new HttpServletRequestWrapper(request) {

			@Override
			public String getParameter(String name) {
				String[] values = known.get(name);
				return values == null || values.length == 0 ? null : values[0];
			}

			@Override
			public Map<String, String[]> getParameterMap() {
				return Collections.unmodifiableMap(known);
			}

			@Override
			public Enumeration<String> getParameterNames() {
				return Collections.enumeration(known.keySet());
			}

			@Override
			public String[] getParameterValues(String name) {
				return known.get(name);
			}

		}, response);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().endsWith("/oauth2/authorize");
	}

}
