package dev.smsauth.mfa.sms;

import java.util.List;
import java.util.Locale;

import dev.smsauth.sms.SmsDelivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counters of the SMS step: {@code smsauth.sms.sent} (tags {@code provider}, {@code outcome}) and
 * {@code smsauth.mfa.verifications} (tag {@code outcome}), and {@code smsauth.sms.another.route} (tag
 * {@code outcome}) for "Send by another route". Tags come from fixed lists only: never a
 * user, a phone number, a country or a client, so the series stay few and hold no personal data.
 * A spike in {@code sent} is the SMS-pumping alarm of SECURITY.md, SMS 10.
 */
@Component
class SmsMetrics {

	static final String SENT = "sent";

	static final String FAILED = "failed";

	/** The provider was not called: circuit open or too many calls in flight ({@code sms.SmsCircuitBreaker}). */
	static final String REJECTED = "rejected";

	static final String REFUSED_LIMIT = "refused_limit";

	/** The waiting application's monthly SMS budget is spent ({@code sms.budget.SmsMonthlyBudgets}). */
	static final String REFUSED_MONTHLY_BUDGET = "refused_monthly_budget";

	static final String COOLDOWN = "cooldown";

	/** "Send by another route" pressed when the page may not offer it (too early, delivered, no provider left). */
	static final String NOT_OFFERED = "not_offered";

	private final MeterRegistry registry;

	SmsMetrics(MeterRegistry registry, SmsDelivery delivery) {
		this.registry = registry;
		// Registered up front so that every series exists at 0 and rate() works from the first event.
		List.of(SENT, FAILED, REJECTED, REFUSED_LIMIT, REFUSED_MONTHLY_BUDGET, COOLDOWN)
			.forEach(outcome -> sent(delivery.providerName(), outcome));
		List.of(SENT, FAILED, REJECTED, REFUSED_LIMIT, REFUSED_MONTHLY_BUDGET, COOLDOWN, NOT_OFFERED)
			.forEach(this::anotherRoutes);
		for (VerifyOutcome.Kind kind : VerifyOutcome.Kind.values()) {
			verifications(kind);
		}
	}

	void send(String provider, String outcome) {
		sent(provider, outcome).increment();
	}

	/**
	 * A press of "Send by another route", by what happened ({@code cooldown}: another press of the
	 * same code won). A press that reached the send path also counts in {@code smsauth.sms.sent},
	 * with the same outcome; {@code not_offered} counts only here.
	 */
	void anotherRoute(String outcome) {
		anotherRoutes(outcome).increment();
	}

	void verification(VerifyOutcome.Kind kind) {
		verifications(kind).increment();
	}

	private Counter sent(String provider, String outcome) {
		return Counter.builder("smsauth.sms.sent")
			.description("Presses of Send code, by what happened")
			.tag("provider", provider)
			.tag("outcome", outcome)
			.register(registry);
	}

	private Counter anotherRoutes(String outcome) {
		return Counter.builder("smsauth.sms.another.route")
			.description("Presses of Send by another route, by what happened")
			.tag("outcome", outcome)
			.register(registry);
	}

	private Counter verifications(VerifyOutcome.Kind kind) {
		return Counter.builder("smsauth.mfa.verifications")
			.description("SMS codes checked, by result")
			.tag("outcome", kind.name().toLowerCase(Locale.ROOT))
			.register(registry);
	}

}
