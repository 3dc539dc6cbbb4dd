package dev.smsauth.sms.vonage;

import org.apache.http.HttpResponse;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.protocol.HttpContext;

/**
 * Remembers the HTTP status of the last response on the current thread.
 *
 * <p>Why: for a non-2xx answer the SDK's SMS endpoint throws a {@code VonageApiResponseException}
 * whose {@code getStatusCode()} is 0 and whose message is just the response body, so a 500 cannot be
 * told from a 401. Apache HttpClient 4 runs response interceptors on the calling thread, so a
 * thread-local is enough to hand the status back to the sender.
 */
final class HttpStatusRecorder implements HttpResponseInterceptor {

	private final ThreadLocal<Integer> lastStatus = new ThreadLocal<>();

	@Override
	public void process(HttpResponse response, HttpContext context) {
		lastStatus.set(response.getStatusLine().getStatusCode());
	}

	/** The status of the last response on this thread, or 0 when there was none since {@link #clear()}. */
	int lastStatus() {
		Integer status = lastStatus.get();
		return status == null ? 0 : status;
	}

	void clear() {
		lastStatus.remove();
	}

}
