package dev.smsauth.sms.budget;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import dev.smsauth.client.ClientSettingNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * The optional monthly SMS budget of an application ({@code smsMonthlyBudget}, in the registered
 * client's settings): at most that many code messages per calendar month (UTC) for sign-ins to it.
 * A slot is taken before the provider is called ({@code mfa.sms.SmsSendPolicy}), atomically on
 * every node, and given back only when another limit of the same send refuses it. Messages
 * without an application (security notices, the console's own sign-in, a phone change) are not
 * counted: no application asked for them, and a notice must reach the holder even when an
 * application's allowance is spent.
 */
@Component
public class SmsMonthlyBudgets {

	private static final Logger log = LoggerFactory.getLogger(SmsMonthlyBudgets.class);

	private final RegisteredClientRepository clients;

	private final SmsMonthlyUsage usage;

	private final SmsBudgetMetrics metrics;

	private final Clock clock;

	SmsMonthlyBudgets(RegisteredClientRepository clients, SmsMonthlyUsage usage, SmsBudgetMetrics metrics, Clock clock) {
		this.clients = clients;
		this.usage = usage;
		this.metrics = metrics;
		this.clock = clock;
	}

	/** Takes one message of {@code clientId}'s budget for this month, if it has one. */
	public Slot take(String clientId) {
		Integer budget = budgetOf(clientId);
		if (budget == null) {
			return Slot.NOT_COUNTED;
		}
		LocalDate month = monthStart(clock.instant());
		boolean granted = usage.take(clientId, month, budget);
		metrics.observed(clientId, month, usage.used(clientId, month).orElse(0), budget);
		if (!granted) {
			log.warn("SMS for application {} refused: its monthly SMS budget of {} is spent", clientId, budget);
			metrics.exhausted(clientId);
			return new Slot(clientId, month, false);
		}
		return new Slot(clientId, month, true);
	}

	/** Gives a taken slot back (a later limit of the same send refused it); nothing for any other slot. */
	public void giveBack(Slot slot) {
		if (slot.clientId() != null && slot.granted()) {
			usage.giveBack(slot.clientId(), slot.monthStart());
		}
	}

	/** This month's use of {@code clientId}'s budget, for the console; {@code budget} null when it has none. */
	public Usage thisMonth(String clientId) {
		LocalDate month = monthStart(clock.instant());
		return new Usage(month, usage.used(clientId, month).orElse(0), budgetOf(clientId));
	}

	private Integer budgetOf(String clientId) {
		if (clientId == null) {
			return null;
		}
		RegisteredClient client = clients.findByClientId(clientId);
		return client == null ? null : ClientSettingNames.smsMonthlyBudget(client.getClientSettings());
	}

	static LocalDate monthStart(Instant at) {
		return LocalDate.ofInstant(at, ZoneOffset.UTC).withDayOfMonth(1);
	}

	/**
	 * A send's place in a monthly budget: {@code clientId} null when no budget counts it.
	 * @param granted false when the budget was spent: the send must not go out
	 */
	public record Slot(String clientId, LocalDate monthStart, boolean granted) {

		static final Slot NOT_COUNTED = new Slot(null, null, true);

		public boolean refused() {
			return !granted;
		}

	}

	/** A month's use of an application's budget; {@code budget} null: none set. */
	public record Usage(LocalDate monthStart, int used, Integer budget) {
	}

}
