package dev.smsauth.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with its defaults, except that header values are
 * checked by {@link HeaderValueCharacters} instead of the firewall's regular expression. The rule is
 * the same; the expression cost a tenth of a userinfo call, because every read of a header is
 * checked again and a bearer JWT is a thousand characters (docs/perf-notes/resourcecpu.md).
 * {@code WebSecurity} uses the {@link HttpFirewall} bean for every filter chain.
 */
@Configuration(proxyBeanMethods = false)
class RequestFirewallConfig {

	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderValues(HeaderValueCharacters::allowed);
		return firewall;
	}

}
