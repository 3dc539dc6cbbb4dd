package dev.smsauth.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * One person's browser for one sign-in: a cookie jar on top of the worker's {@link Http}, so a new
 * browser (a new session) costs no new connection. It keeps cookies by name only, which is all a
 * single-host, single-path server like this one needs.
 *
 * <p>Each browser comes from an address of its own, told to the server as a load balancer tells it
 * ({@code X-Forwarded-For}; our server trusts it from loopback with
 * {@code server.forward-headers-strategy=native}, as {@link ServerProcess} starts it). Without it
 * every sign-in of the benchmark came from 127.0.0.1: the per-IP limits had to be raised to a
 * million, and the one IP's log of SMS sends, which a real deployment keeps below its limit (20 an
 * hour by default), grew with the run and was counted on every send (docs/performance.md).
 */
final class Browser {

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	private final Http http;

	private final String clientAddress;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	Browser(Http http) {
		this.http = http;
		this.clientAddress = address(ADDRESSES.getAndIncrement());
	}

	/** 10.0.0.0/8, one address after another (16 million before it wraps). */
	static String address(int n) {
		return "10." + ((n >>> 16) & 0xff) + "." + ((n >>> 8) & 0xff) + "." + (n & 0xff);
	}

	String clientAddress() {
		return clientAddress;
	}

	Response get(String pathOrUrl) {
		return remember(http.get(pathOrUrl, headers()));
	}

	/** Submits a form of {@code page} with its CSRF token, as pressing its button would. */
	Response submit(Response page, String action, Map<String, String> fields) {
		Map<String, String> all = new LinkedHashMap<>(fields);
		all.put("_csrf", page.csrf());
		return remember(http.postForm(action, all, headers()));
	}

	/** POSTs a form that carries no CSRF field of ours (another provider's login form), with the cookies. */
	Response post(String pathOrUrl, Map<String, String> fields) {
		return remember(http.postForm(pathOrUrl, fields, headers()));
	}

	/** GETs the Location of a redirect, as a browser does after a 302/303. */
	Response follow(Response redirect) {
		return get(redirect.location());
	}

	private String[] headers() {
		List<String> headers = new ArrayList<>(List.of("Accept", "text/html,application/xhtml+xml", "Accept-Language", "en",
				"X-Forwarded-For", clientAddress));
		if (!cookies.isEmpty()) {
			headers.add("Cookie");
			headers.add(cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
		}
		return headers.toArray(String[]::new);
	}

	private Response remember(Response response) {
		for (String setCookie : response.headerValues("set-cookie")) {
			String pair = setCookie.split(";", 2)[0];
			int eq = pair.indexOf('=');
			if (eq <= 0) {
				continue;
			}
			String name = pair.substring(0, eq).strip();
			String value = pair.substring(eq + 1).strip();
			boolean expired = setCookie.toLowerCase().contains("max-age=0");
			if (value.isEmpty() || expired) {
				cookies.remove(name);
			}
			else {
				cookies.put(name, value);
			}
		}
		return response;
	}

}
