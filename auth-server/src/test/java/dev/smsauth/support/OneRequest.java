package dev.smsauth.support;

import dev.smsauth.web.ReadsThisRequest;
import dev.smsauth.web.ReadsThisRequestFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Runs a body as one request does: inside the filter that opens and always closes the per-request memo. */
public final class OneRequest {

	private OneRequest() {
	}

	public static void run(ReadsThisRequest thisRequest, Runnable body) throws Exception {
		new ReadsThisRequestFilter(thisRequest).doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(),
				new MockFilterChain(new HttpServlet() {
					@Override
					protected void service(HttpServletRequest request, HttpServletResponse response) {
						body.run();
					}
				}));
	}

}
