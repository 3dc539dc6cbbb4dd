package dev.smsauth.config;

import dev.smsauth.login.FormSignIn;

import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * What an unauthenticated request to a protocol endpoint gets. A browser's GET at the authorization
 * endpoint is answered with the sign-in page itself, forwarded to inside the same request (as
 * Keycloak does), not redirected to it: a redirect cost every sign-in one more request that only said
 * where to go, and a second write of the new session (the saved request, then the page's CSRF token).
 * The page's form still posts to {@code /login}. A browser at the logout endpoint is redirected to the
 * sign-in page; the userinfo endpoint wants a bearer token;
 * the other endpoints (token, introspection, revocation) answer 401 {@code invalid_client} as JSON
 * (RFC 6749 5.2), never a redirect to a sign-in page that no client could follow.
 */
final class ProtocolEntryPoints {

	private ProtocolEntryPoints() {
	}

	/** The protocol chain's entry points, in the order they are tried. */
	static Customizer<ExceptionHandlingConfigurer<HttpSecurity>> byEndpoint(RequestMatcher authorizeEndpoint) {
		return exceptions -> exceptions.defaultAuthenticationEntryPointFor(signInPage(), authorizeEndpoint)
			.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(FormSignIn.LOGIN_PAGE),
					PathPatternRequestMatcher.pathPattern("/connect/logout"))
			.defaultAuthenticationEntryPointFor(new BearerTokenAuthenticationEntryPoint(),
					PathPatternRequestMatcher.pathPattern("/userinfo"))
			.defaultAuthenticationEntryPointFor(invalidClient(), AnyRequestMatcher.INSTANCE);
	}

	/**
	 * The authorization endpoint's: a GET is answered with the sign-in page (a forward), anything else
	 * is redirected to it. A forward keeps the method, and a POST forwarded to {@code /login} would be
	 * taken for the password form itself. No POST reaches this today (a POSTed authorization request
	 * is turned into a GET first, {@code login.PostedAuthorizationRequests}; a consent without its
	 * state is refused), so this is the second lock, not the first.
	 */
	static AuthenticationEntryPoint signInPage() {
		LoginUrlAuthenticationEntryPoint redirect = new LoginUrlAuthenticationEntryPoint(FormSignIn.LOGIN_PAGE);
		LoginUrlAuthenticationEntryPoint forward = new LoginUrlAuthenticationEntryPoint(FormSignIn.LOGIN_PAGE);
		forward.setUseForward(true);
		return (request, response, ex) -> ("GET".equals(request.getMethod()) ? forward : redirect).commence(request,
				response, ex);
	}

	static AuthenticationEntryPoint invalidClient() {
		return (request, response, ex) -> {
			response.setStatus(401);
			response.setHeader("WWW-Authenticate", "Basic realm=\"oauth2\"");
			response.setHeader("Cache-Control", "no-store");
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getWriter()
				.write("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication is required.\"}");
		};
	}

}
