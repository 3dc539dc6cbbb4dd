package dev.smsauth.api;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * problem+json answers written by the security filters of the management API, before any
 * controller runs (missing, invalid or under-scoped bearer tokens).
 */
public final class ProblemWriter {

	private ProblemWriter() {
	}

	public static AuthenticationEntryPoint unauthorized() {
		return (request, response, ex) -> {
			response.setHeader("WWW-Authenticate", "Bearer");
			write(response, 401, "Unauthorized",
					"A valid bearer token from the client_credentials grant with scope 'management' is required.");
		};
	}

	public static AccessDeniedHandler forbidden() {
		return (request, response, ex) -> write(response, 403, "Forbidden",
				"The bearer token lacks the 'management' scope.");
	}

	static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setHeader("Cache-Control", "no-store");
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail
					+ "\"}");
	}

}
