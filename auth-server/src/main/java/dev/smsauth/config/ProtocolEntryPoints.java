package dev.smsauth.config;

import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * What an unauthenticated request to a machine-facing protocol endpoint (token, introspection,
 * revocation) gets: 401 {@code invalid_client} as JSON (RFC 6749 5.2), never a redirect to a
 * sign-in page that no client could follow.
 */
final class ProtocolEntryPoints {

	private ProtocolEntryPoints() {
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
