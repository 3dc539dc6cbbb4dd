package dev.smsauth.sms;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * What the receipt webhooks answer, the same for every provider: an empty 200 for every verified
 * receipt, known id or not (a forger learns nothing about which ids exist), a 401 problem for a
 * missing or wrong signature, a 413 problem for a body no receipt needs.
 */
public final class ReceiptAnswers {

	private ReceiptAnswers() {
	}

	public static ResponseEntity<Object> taken() {
		return ResponseEntity.ok().build();
	}

	public static ResponseEntity<Object> refused() {
		return problem(HttpStatus.UNAUTHORIZED, "The receipt's signature is missing or wrong.");
	}

	public static ResponseEntity<Object> tooLarge(long maxBytes) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes.");
	}

	private static ResponseEntity<Object> problem(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/** The first value of every parameter (query string and form body). */
	public static Map<String, String> firstValues(HttpServletRequest request) {
		Map<String, String> values = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, all) -> {
			if (all != null && all.length > 0) {
				values.put(name, all[0]);
			}
		});
		return values;
	}

	/**
	 * The body, at most {@code maxBytes}; empty when it is longer. A declared length over the cap is
	 * refused before anything is read (see {@code api.BodySizeLimitFilter}, also in front of these paths).
	 */
	public static Optional<byte[]> body(HttpServletRequest request, long maxBytes) throws IOException {
		if (request.getContentLengthLong() > maxBytes) {
			return Optional.empty();
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes(Math.toIntExact(maxBytes + 1));
			return body.length > maxBytes ? Optional.empty() : Optional.of(body);
		}
	}

	/** The media type without parameters, lower case, or "" when absent or unreadable. */
	public static String mediaType(HttpServletRequest request) {
		try {
			return request.getContentType() == null ? ""
					: MediaType.parseMediaType(request.getContentType()).getType() + "/"
							+ MediaType.parseMediaType(request.getContentType()).getSubtype();
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

}
