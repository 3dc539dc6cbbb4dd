package dev.smsauth.sms.budget;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The monthly budgets' meters, per application ({@code client_id}: only applications that have a
 * budget, so the series stay few): {@code smsauth.sms.budget.exhausted} counts sends refused
 * because the month's budget was spent; the gauges {@code smsauth.sms.budget.used} and
 * {@code smsauth.sms.budget.limit} give the month's count as this node last saw it (read from the
 * shared row at each send, so the highest value over the nodes is the current one) and the budget.
 * A month this node has not sent in yet reads 0.
 */
@Component
class SmsBudgetMetrics {

	private final MeterRegistry registry;

	private final Clock clock;

	private final Map<String, Seen> seen = new ConcurrentHashMap<>();

	SmsBudgetMetrics(MeterRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
	}

	void exhausted(String clientId) {
		Counter.builder("smsauth.sms.budget.exhausted")
			.description("SMS sends refused because the application's monthly SMS budget was spent")
			.tag("client_id", clientId)
			.register(registry)
			.increment();
	}

	/** What the shared counter said after this node's last send for {@code clientId}. */
	void observed(String clientId, LocalDate monthStart, int used, int budget) {
		if (seen.put(clientId, new Seen(monthStart, used, budget)) == null) {
			Gauge.builder("smsauth.sms.budget.used", seen, all -> usedNow(all.get(clientId)))
				.description("SMS messages the application used this calendar month (UTC)")
				.tag("client_id", clientId)
				.register(registry);
			Gauge.builder("smsauth.sms.budget.limit", seen, all -> all.get(clientId).budget())
				.description("The application's monthly SMS budget")
				.tag("client_id", clientId)
				.register(registry);
		}
	}

	private double usedNow(Seen last) {
		return last.monthStart().equals(SmsMonthlyBudgets.monthStart(clock.instant())) ? last.used() : 0;
	}

	private record Seen(LocalDate monthStart, int used, int budget) {
	}

}
