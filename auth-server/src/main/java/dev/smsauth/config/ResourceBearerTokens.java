package dev.smsauth.config;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The bearer-token resolver of the protocol chain: a token is read only where that chain serves a
 * resource (userinfo), never on {@code /oauth2/authorize}, the logout endpoint or anything else.
 *
 * <p>Why: the authorization server's configurer turns the resource server on for every endpoint of
 * the chain, so a bearer header on {@code /oauth2/authorize} used to be authenticated as the token's
 * subject, and the framework's bearer filter then merged the session's factor authorities (earned by
 * the cookie's owner) into that authentication. A token is not a sign-in: elsewhere in the chain the
 * header is simply not looked at, and the session alone says who is signed in.
 *
 * <p>At userinfo the token may also come in a form-encoded POST body (RFC 6750 section 2.2, which
 * OpenID Connect Core 5.3.1 points to); a request carrying it twice is refused by the framework.
 *
 * <p>A GET can carry the token only in its header: a well-formed {@code Bearer} header there is read
 * by {@link #wellFormedBearer} in one pass, the framework's own rule ({@code ^Bearer
 * (?<token>[a-zA-Z0-9-._~+/]+=*)$}, case-insensitive) without its regular expression, which cost
 * a twentieth of a userinfo call on a thousand-character JWT; everything else (no header, a
 * malformed one, a POST) goes to the framework's resolver. {@code ResourceBearerTokensTests}
 * compares both on every ASCII character.
 */
final class ResourceBearerTokens implements BearerTokenResolver {

	/** Lower case: a header's letters are compared with {@code c | 0x20}, the ASCII lower case. */
	private static final String PREFIX = "bearer ";

	private final RequestMatcher resources;

	private final DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();

	ResourceBearerTokens(RequestMatcher resources) {
		this.resources = resources;
		this.resolver.setAllowFormEncodedBodyParameter(true);
	}

	@Override
	public String resolve(HttpServletRequest request) {
		if (!resources.matches(request)) {
			return null;
		}
		String token = HttpMethod.GET.matches(request.getMethod())
				? wellFormedBearer(request.getHeader(HttpHeaders.AUTHORIZATION)) : null;
		return token != null ? token : resolver.resolve(request);
	}

	/** The token of {@code Bearer <token68>} (any case of "Bearer"), or null when the value is not one. */
	static String wellFormedBearer(String header) {
		if (header == null || header.length() <= PREFIX.length()) {
			return null;
		}
		for (int i = 0; i < PREFIX.length(); i++) {
			char c = header.charAt(i);
			char expected = PREFIX.charAt(i);
			// Letters in either ASCII case; the space exactly (c | 0x20 would also let NUL through).
			if (c != expected && (expected == ' ' || (c | 0x20) != expected)) {
				return null;
			}
		}
		int end = PREFIX.length();
		while (end < header.length() && tokenCharacter(header.charAt(end))) {
			end++;
		}
		if (end == PREFIX.length()) {
			return null;
		}
		while (end < header.length() && header.charAt(end) == '=') {
			end++;
		}
		return end == header.length() ? header.substring(PREFIX.length()) : null;
	}

	private static boolean tokenCharacter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~' || c == '+' || c == '/';
	}

}
