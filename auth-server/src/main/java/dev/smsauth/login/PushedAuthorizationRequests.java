package dev.smsauth.login;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import dev.smsauth.client.ClientSettingNames;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Pushed authorization requests (RFC 9126) at the authorization endpoint:
 * <ul>
 * <li>an application registered with {@code requirePushedAuthorizationRequests} gets an error page
 * for a request that did not come through the PAR endpoint (no {@code request_uri}); nothing is
 * redirected, since its redirect URI was never checked;</li>
 * <li>for a request by {@code request_uri}, the pushed {@code prompt}, {@code max_age},
 * {@code acr_values}, {@code ui_locales} and {@code login_hint} are shown to our own rules as if
 * they were in the query (the framework resolves the rest itself), so step-up and re-authentication
 * work the same way with PAR.</li>
 * </ul>
 */
public final class PushedAuthorizationRequests extends OncePerRequestFilter {

	static final String REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";

	private static final OAuth2TokenType STATE = new OAuth2TokenType("state");

	private static final Set<String> OUR_PARAMETERS = Set.of("prompt", "max_age", "acr_values", "ui_locales",
			"login_hint");

	private final String authorizationEndpoint;

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationService authorizations;

	public PushedAuthorizationRequests(String authorizationEndpoint, RegisteredClientRepository clients,
			OAuth2AuthorizationService authorizations) {
		this.authorizationEndpoint = authorizationEndpoint;
		this.clients = clients;
		this.authorizations = authorizations;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// The consent form also posts here, without response_type or request_uri: left alone.
		return !"GET".equals(request.getMethod()) || request.getParameter("client_id") == null
				|| (request.getParameter("response_type") == null && request.getParameter("request_uri") == null)
				|| !authorizationEndpoint.equals(request.getRequestURI().substring(request.getContextPath().length()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestUri = request.getParameter("request_uri");
		if (requestUri == null) {
			String clientId = request.getParameter("client_id");
			RegisteredClient client = clientId.length() > 100 ? null : clients.findByClientId(clientId);
			if (client != null && ClientSettingNames.parRequired(client.getClientSettings())) {
				response.sendError(HttpStatus.BAD_REQUEST.value(),
						"This application sends its authorization requests through the pushed authorization request endpoint.");
				return;
			}
			chain.doFilter(request, response);
			return;
		}
		Map<String, Object> pushed = pushedParameters(requestUri);
		chain.doFilter(pushed == null ? request : new HttpServletRequestWrapper(request) {

			@Override
			public String getParameter(String name) {
				String own = super.getParameter(name);
				Object value = OUR_PARAMETERS.contains(name) && own == null ? pushed.get(name) : null;
				return value instanceof String text ? text : own;
			}

		}, response);
	}

	/** The additional parameters of the pushed request, or null when it can not be found. */
	private Map<String, Object> pushedParameters(String requestUri) {
		if (!requestUri.startsWith(REQUEST_URI_PREFIX) || requestUri.length() > 500) {
			return null;
		}
		OAuth2Authorization pushed = authorizations.findByToken(requestUri.substring(REQUEST_URI_PREFIX.length()), STATE);
		OAuth2AuthorizationRequest authorizationRequest = pushed == null ? null
				: pushed.getAttribute(OAuth2AuthorizationRequest.class.getName());
		return authorizationRequest == null ? null : authorizationRequest.getAdditionalParameters();
	}

}
