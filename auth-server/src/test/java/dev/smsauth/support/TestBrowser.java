package dev.smsauth.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cookie-keeping HTTP client that behaves like a browser without JavaScript: it never follows
 * redirects by itself, so tests can assert every hop, and it submits forms with their CSRF token.
 */
public final class TestBrowser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final String base;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient http;

	private String acceptLanguage = "en";

	public TestBrowser(String base) {
		this.base = base;
		this.http = HttpClient.newBuilder()
			.cookieHandler(cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	public TestBrowser acceptLanguage(String value) {
		this.acceptLanguage = value;
		return this;
	}

	public Page get(String pathOrUrl) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET());
	}

	/** A GET with extra request headers (an {@code Authorization} header a page should ignore, say). */
	public Page get(String pathOrUrl, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathOrUrl)).GET();
		headers.forEach(request::header);
		return send(request);
	}

	/** A form POST with extra request headers, without a CSRF token unless {@code fields} has one. */
	public Page post(String pathOrUrl, Map<String, String> fields, Map<String, String> headers) {
		String body = fields.entrySet()
			.stream()
			.map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathOrUrl))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		return send(request);
	}

	/** Submits a form, adding the CSRF token of {@code page} (the page the form is on). */
	public Page submit(Page page, String action, Map<String, String> fields) {
		Map<String, String> all = new LinkedHashMap<>(fields);
		all.put("_csrf", page.csrf());
		return post(action, all);
	}

	public Page post(String pathOrUrl, Map<String, String> fields) {
		String body = fields.entrySet()
			.stream()
			.map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(uri(pathOrUrl))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * One step from a sign-in step's answer, as a browser takes it: the redirect's target when it is on
	 * this server (a factor's page, a page the sign-in was for), else the answer itself (the redirect to
	 * the application with its code, which is where a browser leaves).
	 */
	public Page next(Page page) {
		return page.isRedirect() && page.location().startsWith(base) ? get(page.location()) : page;
	}

	/** Follows redirects until a page that is not a redirect, or a redirect off this server. */
	public Page follow(Page page) {
		Page current = page;
		for (int i = 0; i < 10 && current.isRedirect() && current.location().startsWith(base); i++) {
			current = get(current.location());
		}
		return current;
	}

	public String base() {
		return base;
	}

	/** The value of a cookie this browser holds for the server, or null. */
	public String cookie(String name) {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(c -> c.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	/** Plants a cookie (path /) as a hostile page or a copied profile would. */
	public void setCookie(String name, String value) {
		HttpCookie cookie = new HttpCookie(name, value);
		cookie.setPath("/");
		cookie.setVersion(0);
		cookies.getCookieStore().add(URI.create(base), cookie);
	}

	private Page send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = http.send(
					request.header("Accept", "text/html,application/xhtml+xml").header("Accept-Language", acceptLanguage)
						.timeout(Duration.ofSeconds(20))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			return new Page(response, base);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String pathOrUrl) {
		return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** One HTTP answer. */
	public record Page(HttpResponse<String> response, String base) {

		public int status() {
			return response.statusCode();
		}

		public String body() {
			return response.body();
		}

		public boolean isRedirect() {
			return status() >= 300 && status() < 400;
		}

		/** The absolute Location of a redirect. */
		public String location() {
			String location = response.headers().firstValue("Location").orElse("");
			return location.startsWith("/") ? base + location : location;
		}

		public String header(String name) {
			return response.headers().firstValue(name).orElse(null);
		}

		/**
		 * The hosted sign-in form: {@code /login} itself, or the authorization endpoint's own answer to
		 * a browser that is not signed in (a GET there is answered with the page, not redirected to it).
		 */
		public boolean isSignInPage() {
			return status() == 200 && body().contains("action=\"/login\"") && body().contains("name=\"password\"");
		}

		public String csrf() {
			Matcher m = CSRF.matcher(body());
			if (!m.find()) {
				throw new AssertionError("no CSRF token on page " + response.uri() + ":\n" + body());
			}
			return m.group(1);
		}

		/** The text of the first element matching {@code regex}'s group 1, or null. */
		public String find(String regex) {
			Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(body());
			return m.find() ? m.group(1) : null;
		}

		/** The messages shown to the person (alerts), joined. */
		public String alerts() {
			Matcher m = Pattern.compile("role=\"(?:alert|status)\">([^<]*)<").matcher(body());
			StringBuilder sb = new StringBuilder();
			while (m.find()) {
				sb.append(m.group(1)).append('\n');
			}
			return sb.toString().strip();
		}

	}

}
