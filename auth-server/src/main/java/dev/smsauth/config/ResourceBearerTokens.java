package dev.smsauth.config;

import jakarta.servlet.http.HttpServletRequest;

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
 */
final class ResourceBearerTokens implements BearerTokenResolver {

	private final RequestMatcher resources;

	private final DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();

	ResourceBearerTokens(RequestMatcher resources) {
		this.resources = resources;
		this.resolver.setAllowFormEncodedBodyParameter(true);
	}

	@Override
	public String resolve(HttpServletRequest request) {
		return resources.matches(request) ? resolver.resolve(request) : null;
	}

}
