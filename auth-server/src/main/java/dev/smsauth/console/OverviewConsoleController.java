package dev.smsauth.console;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.smsauth.api.NotFoundException;
import dev.smsauth.client.Application;
import dev.smsauth.client.ApplicationService;
import dev.smsauth.console.chart.BarChart;
import dev.smsauth.console.chart.Series;
import dev.smsauth.stats.SignInStatistics;
import dev.smsauth.stats.SmsStatistics;
import dev.smsauth.stats.StatsRange;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's overview ({@code /console/overview}): sign-ins and SMS per day, delivery rate and
 * cost per provider and per country calling code, verification success rate; for every
 * application or one, over the last 7, 30 or 90 days. Charts are inline SVG drawn on the server
 * ({@code console.chart}); the numbers come from {@link SmsStatistics}, like the API's.
 */
@Controller
class OverviewConsoleController {

	static final Set<Integer> RANGES = Set.of(7, 30, 90);

	private final SmsStatistics sms;

	private final SignInStatistics signIns;

	private final ApplicationService applications;

	private final Clock clock;

	OverviewConsoleController(SmsStatistics sms, SignInStatistics signIns, ApplicationService applications,
			Clock clock) {
		this.sms = sms;
		this.signIns = signIns;
		this.applications = applications;
		this.clock = clock;
	}

	/** The select lists this many applications; a deployment with more filters one through ?clientId=. */
	static final int MAX_LISTED = 200;

	private Application chosen(String clientId) {
		if (clientId == null || clientId.isBlank()) {
			return null;
		}
		try {
			return applications.get(clientId);
		}
		catch (NotFoundException ex) {
			return null;
		}
	}

	@GetMapping("/console/overview")
	String overview(@RequestParam(name = "clientId", required = false) String clientId,
			@RequestParam(name = "days", required = false) String days, Model model) {
		List<Application> all = new ArrayList<>(applications.list(0, MAX_LISTED));
		// Only a registered application's id filters; anything else shows every application. The
		// chosen one is looked up by id, so it filters (and is in the list) beyond the first page too.
		Application chosen = chosen(clientId);
		String client = chosen == null ? null : chosen.clientId();
		if (chosen != null && all.stream().noneMatch(a -> a.clientId().equals(client))) {
			all.add(0, chosen);
		}
		int range = RANGES.stream().filter(r -> String.valueOf(r).equals(days)).findFirst().orElse(StatsRange.DEFAULT_DAYS);
		StatsRange period = StatsRange.lastDays(range, clock);
		SmsOverview overview = SmsOverview.of(period, sms.daily(period, client));
		Map<LocalDate, Long> signInsPerDay = signIns.perDay(period, client);
		long signInTotal = signInsPerDay.values().stream().mapToLong(Long::longValue).sum();
		List<Double> signInValues = new ArrayList<>();
		signInsPerDay.values().forEach(v -> signInValues.add(v.doubleValue()));

		model.addAttribute("applications", all);
		model.addAttribute("clientId", client);
		model.addAttribute("days", range);
		model.addAttribute("ranges", List.of(7, 30, 90));
		model.addAttribute("from", period.from());
		model.addAttribute("to", period.to());
		model.addAttribute("signIns", signInTotal);
		model.addAttribute("total", overview.total());
		model.addAttribute("perProvider", overview.perProvider());
		model.addAttribute("perCallingCode", overview.perCallingCode());
		model.addAttribute("signInChart", BarChart.render("Sign-ins per day: " + signInTotal + " in " + range + " days",
				overview.dayLabels(), List.of(new Series("Sign-ins", "s-signins", signInValues)), false, ""));
		model.addAttribute("smsChart", overview.messagesPerDay());
		model.addAttribute("verificationChart", overview.verificationPerDay());
		model.addAttribute("providerChart", overview.deliveryRatePerProvider());
		model.addAttribute("countryChart", overview.deliveryRatePerCallingCode());
		return "console/overview";
	}

}
