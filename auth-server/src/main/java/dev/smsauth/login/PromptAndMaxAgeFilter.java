package dev.smsauth.login;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.smsauth.mfa.Factors;
import dev.smsauth.mfa.SecondFactorPolicy;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * OpenID Connect's {@code prompt} and {@code max_age} on the authorization endpoint, which the
 * built-in endpoint does not fully implement:
 * <ul>
 * <li>{@code prompt=none} never shows a page: without a session, or with a session that lacks a
 * factor the application needs, the client gets {@code login_required} /
 * {@code interaction_required} at its redirect URI.</li>
 * <li>{@code prompt=login}, an exceeded {@code max_age} and a password older than the application's
 * {@code reauthenticateAfter} end the current sign-in (every factor)
 * and replay the request without that parameter, so the fresh sign-in is not asked again in a
 * loop.</li>
 * </ul>
 * It runs after the endpoint's own validation filter, so the client and redirect URI are already
 * known to be registered when we redirect to them.
 */
public final class PromptAndMaxAgeFilter extends OncePerRequestFilter {

	private static final String VALIDATED_REQUEST = OAuth2AuthorizationCodeRequestAuthenticationToken.class.getName();

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final SecurityContextLogoutHandler logoutHandler = new SecurityContextLogoutHandler();

	private final SecondFactorPolicy secondFactors;

	private final Clock clock;

	public PromptAndMaxAgeFilter(SecondFactorPolicy secondFactors, Clock clock) {
		this.secondFactors = secondFactors;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Object validated = request.getAttribute(VALIDATED_REQUEST);
		if (!"GET".equals(request.getMethod())
				|| !(validated instanceof OAuth2AuthorizationCodeRequestAuthenticationToken authorizationRequest)
				|| !authorizationRequest.getScopes().contains("openid")) {
			chain.doFilter(request, response);
			return;
		}
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		boolean signedIn = trustResolver.isAuthenticated(current);
		Set<String> prompt = words(request.getParameter("prompt"));
		boolean tooOld = signedIn && maxAgeExceeded(request.getParameter("max_age"), current);
		// The application's reauthenticateAfter is a max_age on the password, for this application only.
		boolean passwordTooOld = signedIn && secondFactors.passwordTooOld(request, current);

		if (prompt.contains("none")) {
			if (!signedIn || tooOld || passwordTooOld) {
				redirectWithError(request, response, authorizationRequest, "login_required");
			}
			else if (!secondFactors.forAuthorization(request, current).satisfied()) {
				redirectWithError(request, response, authorizationRequest, "interaction_required");
			}
			else {
				chain.doFilter(request, response);
			}
			return;
		}
		if (prompt.contains("login")) {
			if (signedIn) {
				logoutHandler.logout(request, response, current);
			}
			prompt.remove("login");
			response.sendRedirect(replay(request, "prompt", String.join(" ", prompt)));
			return;
		}
		if (tooOld) {
			logoutHandler.logout(request, response, current);
			response.sendRedirect(replay(request, "max_age", ""));
			return;
		}
		if (passwordTooOld) {
			// The same request again, now without a sign-in: the fresh password is young enough.
			logoutHandler.logout(request, response, current);
			response.sendRedirect(replay(request, "max_age", request.getParameter("max_age")));
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean maxAgeExceeded(String maxAge, Authentication current) {
		if (!StringUtils.hasText(maxAge)) {
			return false;
		}
		long seconds;
		try {
			seconds = Long.parseLong(maxAge.strip());
		}
		catch (NumberFormatException ex) {
			return false; // malformed max_age is ignored like any unknown value
		}
		Instant authTime = Factors.authenticationTime(current);
		return seconds < 0 || authTime == null || authTime.plusSeconds(seconds).isBefore(clock.instant())
				|| seconds == 0;
	}

	/** The same authorization request with one parameter replaced (or dropped when blank). */
	private static String replay(HttpServletRequest request, String parameter, String value) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath(request.getRequestURI())
			.query(request.getQueryString())
			.replaceQueryParam(parameter);
		if (StringUtils.hasText(value)) {
			uri.queryParam(parameter, value);
		}
		return uri.build(true).toUriString();
	}

	private static void redirectWithError(HttpServletRequest request, HttpServletResponse response,
			OAuth2AuthorizationCodeRequestAuthenticationToken authorizationRequest, String error) throws IOException {
		String redirectUri = authorizationRequest.getRedirectUri();
		if (!StringUtils.hasText(redirectUri)) {
			redirectUri = request.getParameter("redirect_uri");
		}
		// state and iss go in as URI variables, which are encoded strictly: a '+' in the client's state
		// must come back as "%2B", not as a space.
		Map<String, String> values = new HashMap<>();
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(redirectUri).queryParam("error", error);
		if (StringUtils.hasText(authorizationRequest.getState())) {
			uri.queryParam("state", "{state}");
			values.put("state", authorizationRequest.getState());
		}
		if (AuthorizationServerContextHolder.getContext() != null) {
			uri.queryParam("iss", "{iss}");
			values.put("iss", AuthorizationServerContextHolder.getContext().getIssuer());
		}
		response.sendRedirect(uri.encode().buildAndExpand(values).toUriString());
	}

	private static Set<String> words(String value) {
		return value == null ? new LinkedHashSet<>() : new LinkedHashSet<>(Arrays.asList(value.strip().split("\\s+")));
	}

}
