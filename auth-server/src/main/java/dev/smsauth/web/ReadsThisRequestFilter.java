package dev.smsauth.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/** Opens {@link ReadsThisRequest} for one request and removes it when the request ends, whatever happens. */
public final class ReadsThisRequestFilter extends OncePerRequestFilter {

	private final ReadsThisRequest reads;

	public ReadsThisRequestFilter(ReadsThisRequest reads) {
		this.reads = reads;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean opened = reads.open();
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (opened) {
				reads.close();
			}
		}
	}

}
