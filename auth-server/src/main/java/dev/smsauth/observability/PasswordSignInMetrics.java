package dev.smsauth.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * {@code smsauth.signin.password} (tag {@code outcome=accepted|refused}): the password step of the
 * hosted sign-in, from the same Spring Security events as the audit trail's SignInAuditListener.
 * Only {@link UsernamePasswordAuthenticationToken}s are the password step; client and bearer
 * authentications are not counted. No user or identifier is ever a tag.
 */
@Component
class PasswordSignInMetrics {

	private final Counter accepted;

	private final Counter refused;

	PasswordSignInMetrics(MeterRegistry registry) {
		this.accepted = counter(registry, "accepted");
		this.refused = counter(registry, "refused");
	}

	@EventListener
	void passwordAccepted(AuthenticationSuccessEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken) {
			accepted.increment();
		}
	}

	@EventListener
	void passwordRefused(AbstractAuthenticationFailureEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken) {
			refused.increment();
		}
	}

	private static Counter counter(MeterRegistry registry, String outcome) {
		return Counter.builder("smsauth.signin.password")
			.description("Passwords checked on the sign-in page, by result")
			.tag("outcome", outcome)
			.register(registry);
	}

}
