package dev.smsauth.client;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/** Opens {@link ClientsReadThisRequest} for one request and removes it when the request ends, whatever happens. */
final class ClientsReadThisRequestFilter extends OncePerRequestFilter {

	private final ClientsReadThisRequest clients;

	ClientsReadThisRequestFilter(ClientsReadThisRequest clients) {
		this.clients = clients;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean opened = clients.open();
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (opened) {
				clients.close();
			}
		}
	}

}
