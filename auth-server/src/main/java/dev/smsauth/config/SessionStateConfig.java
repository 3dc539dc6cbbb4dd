package dev.smsauth.config;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

/**
 * Where a sign-in is kept between requests and where the request waiting for it is saved: one
 * instance of each, given to the browser-facing chains and to the factor pages (mfa.ProvenFactors),
 * so a factor is stored and a request resumed exactly as the chains themselves do it. Both are the
 * framework's defaults.
 */
@Configuration(proxyBeanMethods = false)
class SessionStateConfig {

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(),
				new HttpSessionSecurityContextRepository());
	}

	/**
	 * Saves only what a person navigated to: a GET that is neither a script's request ({@code
	 * X-Requested-With}) nor one asking for JSON. Otherwise a page's script asking for something
	 * after the session ended (the SMS step's "another route" status) would replace the waiting
	 * authorization request, and the sign-in would end on a JSON document. Spring Security's own
	 * request-cache configurer makes the same exclusions when it builds the cache itself.
	 */
	@Bean
	RequestCache requestCache() {
		MediaTypeRequestMatcher json = new MediaTypeRequestMatcher(MediaType.APPLICATION_JSON);
		json.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		HttpSessionRequestCache cache = new ResumedOnlyWithContinue();
		cache.setRequestMatcher(new AndRequestMatcher(request -> "GET".equals(request.getMethod()),
				new NegatedRequestMatcher(new RequestHeaderRequestMatcher("X-Requested-With", "XMLHttpRequest")),
				new NegatedRequestMatcher(json)));
		return cache;
	}

	/**
	 * The framework's cache, which resumes a saved request only for a URL with its {@code continue}
	 * parameter (the redirect after a sign-in) and tells that by parsing the URL of every request
	 * that has a query string: the authorization requests, with their long queries, three times per
	 * sign-in. A query without the text {@code continue} can not have that parameter (the framework
	 * compares names as they stand in the URL, undecoded), so the answer is the same without parsing.
	 */
	static final class ResumedOnlyWithContinue extends HttpSessionRequestCache {

		@Override
		public HttpServletRequest getMatchingRequest(HttpServletRequest request, HttpServletResponse response) {
			String query = request.getQueryString();
			if (query == null || !query.contains("continue")) {
				return null;
			}
			return super.getMatchingRequest(request, response);
		}

	}

}
