package dev.smsauth.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the bodies of the management API. Tomcat caps form posts itself
 * ({@code server.tomcat.max-http-form-post-size}) but hands any other body to the application
 * whole, and Jackson would build whatever tree it is given. A declared length over the cap is
 * refused before anything is read (413); a chunked body is cut off when it passes the cap, which
 * {@link ApiExceptionHandler} also answers with 413.
 */
final class BodySizeLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	BodySizeLimitFilter(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			tooLarge(response, maxBytes);
			return;
		}
		chain.doFilter(declared < 0 ? new Capped(request, maxBytes) : request, response);
	}

	static void tooLarge(HttpServletResponse response, long maxBytes) throws IOException {
		// Tomcat closes the connection rather than read an oversized body it was not asked to read.
		ProblemWriter.write(response, 413, "Content Too Large",
				"The request body is larger than " + maxBytes + " bytes.");
	}

	/** Thrown by the capped stream once the body passes the cap. */
	static final class BodyTooLargeException extends IOException {

		BodyTooLargeException(long maxBytes) {
			super("request body larger than " + maxBytes + " bytes");
		}

	}

	private static final class Capped extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream stream;

		Capped(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new CappedStream(super.getInputStream(), maxBytes);
			}
			return stream;
		}

	}

	private static final class CappedStream extends ServletInputStream {

		private final ServletInputStream in;

		private final long maxBytes;

		private long read;

		CappedStream(ServletInputStream in, long maxBytes) {
			this.in = in;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = in.read();
			count(b < 0 ? 0 : 1);
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = in.read(buffer, offset, length);
			count(Math.max(n, 0));
			return n;
		}

		private void count(int n) throws BodyTooLargeException {
			read += n;
			if (read > maxBytes) {
				throw new BodyTooLargeException(maxBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return in.isFinished();
		}

		@Override
		public boolean isReady() {
			return in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			in.setReadListener(listener);
		}

	}

}
