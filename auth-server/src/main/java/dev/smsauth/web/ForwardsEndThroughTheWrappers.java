package dev.smsauth.web;

import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * After a forward, Tomcat ends the response through the application's response wrappers (it closes
 * the writer the wrappers hand out), not by reaching past them to its own response, as Tomcat 10.1
 * and later do by default ({@code suspendWrappedResponseAfterForward}). Spring Session writes the
 * session's cookie, and Spring Security its headers, when their wrapper sees the response commit. A
 * forwarded answer without a body, such as the redirect with the code that a sign-in step resumed in
 * place answers with ({@link ResumedInPlace}), would otherwise leave with neither: the session's new
 * id never reaching the browser, which is then signed out at its next request. The sign-in page that
 * the authorization endpoint forwards to wrote its body through the wrappers, so it never lost them.
 */
@Configuration(proxyBeanMethods = false)
class ForwardsEndThroughTheWrappers {

	@Bean
	TomcatContextCustomizer suspendNoWrappedResponseAfterForward() {
		return context -> context.setSuspendWrappedResponseAfterForward(false);
	}

}
