package dev.smsauth.bench;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One HTTP answer, with the few ways the scenarios look at it. */
record Response(int status, String body, Map<String, List<String>> headers, String base) {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	boolean isRedirect() {
		return status >= 300 && status < 400;
	}

	/** The absolute Location of a redirect, or "" when there is none. */
	String location() {
		String location = header("location");
		if (location == null) {
			return "";
		}
		return location.startsWith("/") ? base + location : location;
	}

	String header(String name) {
		for (Map.Entry<String, List<String>> e : headers.entrySet()) {
			if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
				return e.getValue().get(0);
			}
		}
		return null;
	}

	List<String> headerValues(String name) {
		for (Map.Entry<String, List<String>> e : headers.entrySet()) {
			if (e.getKey().equalsIgnoreCase(name)) {
				return e.getValue();
			}
		}
		return List.of();
	}

	String csrf() {
		Matcher m = CSRF.matcher(body);
		if (!m.find()) {
			throw new BenchException("no CSRF token in a " + status + " answer");
		}
		return m.group(1);
	}

	/** Throws unless the status is {@code expected}; the message names the step. */
	Response expect(int expected, String step) {
		if (status != expected) {
			String snippet = body == null ? "" : body.substring(0, Math.min(200, body.length())).replaceAll("\\s+", " ");
			throw new BenchException(step + ": expected " + expected + " but got " + status + " " + location() + " " + snippet);
		}
		return this;
	}

	/** Throws unless this is a redirect whose Location contains {@code fragment}. */
	Response expectRedirectTo(String fragment, String step) {
		if (!isRedirect() || !location().contains(fragment)) {
			throw new BenchException(step + ": expected a redirect to " + fragment + " but got " + status + " " + location());
		}
		return this;
	}

}
