package dev.smsauth.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

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

	@Bean
	RequestCache requestCache() {
		return new HttpSessionRequestCache();
	}

}
