package dev.smsauth.observability;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a short safe token (a
 * load balancer's or a client's, so their logs and ours can be joined), otherwise a new UUID. The
 * id goes into the MDC as {@code requestId} for every log line of the request (plain and JSON
 * formats alike) and back in the response's {@code X-Request-Id}; the MDC is cleared afterwards,
 * because threads are pooled.
 */
final class RequestIdFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Request-Id";

	static final String MDC_KEY = "requestId";

	// Letters, digits, '.', '_', '-': nothing that could forge a log line, break JSON or a header.
	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// An error dispatch (/error) keeps the id of the request that failed.
		String id = request.getAttribute(ATTRIBUTE) instanceof String kept ? kept : requestId(request.getHeader(HEADER));
		request.setAttribute(ATTRIBUTE, id);
		response.setHeader(HEADER, id);
		MDC.put(MDC_KEY, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	static String requestId(String offered) {
		return offered != null && SAFE.matcher(offered).matches() ? offered : newId();
	}

	/**
	 * A random (version 4) UUID from the thread's own generator: an id only joins log lines, it
	 * guards nothing, so it needs no {@code SecureRandom}, whose shared source every request of the
	 * server would otherwise take turns on (half a percent of an SMS sign-in's CPU beyond the hash).
	 */
	static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}

}
