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
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * What an unauthenticated request to a protocol endpoint gets. Browsers reach the authorization
 * and logout endpoints and are sent to the sign-in page; the userinfo endpoint wants a bearer token;
 * the other endpoints (token, introspection, revocation) answer 401 {@code invalid_client} as JSON
 * (RFC 6749 5.2), never a redirect to a sign-in page that no client could follow.
 */
final class ProtocolEntryPoints {

	private ProtocolEntryPoints() {
	}

	/** The protocol chain's entry points, in the order they are tried. */
	static Customizer<ExceptionHandlingConfigurer<HttpSecurity>> byEndpoint(RequestMatcher authorizeEndpoint) {
		RequestMatcher browserEndpoints = new OrRequestMatcher(authorizeEndpoint,
				PathPatternRequestMatcher.pathPattern("/connect/logout"));
		return exceptions -> exceptions
			.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(FormSignIn.LOGIN_PAGE),
					browserEndpoints)
			.defaultAuthenticationEntryPointFor(new BearerTokenAuthenticationEntryPoint(),
					PathPatternRequestMatcher.pathPattern("/userinfo"))
			.defaultAuthenticationEntryPointFor(invalidClient(), AnyRequestMatcher.INSTANCE);
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
