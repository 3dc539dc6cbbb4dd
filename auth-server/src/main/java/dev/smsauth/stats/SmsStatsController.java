package dev.smsauth.stats;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import dev.smsauth.api.FieldErrors;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/sms/stats?from&to&clientId} (../shared/CONTRACT.md): SMS counts and cost per
 * UTC day, application, provider, calling code and currency. Behind the management API's chain
 * (scope {@code management}). Parameters are read as strings so that every bad value becomes a 400
 * naming it.
 */
@RestController
class SmsStatsController {

	private final SmsStatistics statistics;

	private final Clock clock;

	SmsStatsController(SmsStatistics statistics, Clock clock) {
		this.statistics = statistics;
		this.clock = clock;
	}

	@GetMapping("/api/v1/sms/stats")
	SmsStats stats(@RequestParam(name = "from", required = false) String from,
			@RequestParam(name = "to", required = false) String to,
			@RequestParam(name = "clientId", required = false) String clientId) {
		FieldErrors errors = new FieldErrors();
		StatsRange range = StatsRange.parse(from, to, clock, errors);
		String client = clientId == null || clientId.isBlank() ? null : clientId.strip();
		if (client != null && client.length() > 100) {
			errors.add("clientId", "must be at most 100 characters");
		}
		errors.throwIfAny();
		return new SmsStats(statistics.daily(range, client).stream().map(Item::of).toList());
	}

	record SmsStats(List<Item> items) {
	}

	/**
	 * One row as the contract names it; {@code clientId} null for messages of no application
	 * (security notices), {@code cost} and {@code currency} null where no provider reported a price.
	 */
	record Item(LocalDate day, String clientId, String provider, String callingCode, long sent, long delivered,
			long failed, long verified, BigDecimal cost, String currency) {

		static Item of(SmsDay row) {
			return new Item(row.day(), row.clientId(), row.provider(), row.callingCode(), row.sent(), row.delivered(),
					row.failed(), row.verified(), row.cost(), row.currency());
		}

	}

}
