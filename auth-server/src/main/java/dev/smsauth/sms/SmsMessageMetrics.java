package dev.smsauth.sms;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Prometheus counters of the messages themselves, counted on the node where each event happens
 * (a send on the node that called the provider, a receipt on the node that received it), so the
 * sum over nodes is exact without any shared state:
 * <ul>
 * <li>{@code smsauth.sms.messages{provider, calling_code, status}}: messages that reached a status
 * ({@code rejected}, {@code submitted}, and the receipts' {@code delivered}, {@code failed},
 * {@code expired}). An accepted message counts once as {@code submitted}, and again under its
 * final status when that is known, so {@code delivered / submitted} is the delivery rate.</li>
 * <li>{@code smsauth.sms.cost{provider, currency}}: the summed price the providers reported.</li>
 * </ul>
 * Labels stay few: providers are configured names, calling codes are at most a few hundred, a
 * currency is three capital letters (anything else is {@code other}); never a client, a user or a
 * number.
 */
@Component
public final class SmsMessageMetrics {

	private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

	private static final Pattern CALLING_CODE = Pattern.compile("[0-9]{1,4}");

	private final MeterRegistry registry;

	SmsMessageMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/** A message reached {@code status}: at the provider's answer, or when a receipt was applied. */
	public void statusChanged(String provider, String callingCode, SmsMessageStatus status) {
		Counter.builder("smsauth.sms.messages")
			.description("SMS messages that reached a status, per provider and country calling code")
			.tag("provider", provider)
			.tag("calling_code", callingCode != null && CALLING_CODE.matcher(callingCode).matches() ? callingCode : "other")
			.tag("status", status.column())
			.register(registry)
			.increment();
	}

	/** The price a provider reported for one message; nothing when it reported none. */
	public void cost(String provider, String currency, BigDecimal price) {
		if (price == null || price.signum() <= 0) {
			return;
		}
		Counter.builder("smsauth.sms.cost")
			.description("Summed price of SMS messages as reported by the providers, per currency")
			.tag("provider", provider)
			.tag("currency", currency != null && CURRENCY.matcher(currency).matches() ? currency : "other")
			.register(registry)
			.increment(price.doubleValue());
	}

}
