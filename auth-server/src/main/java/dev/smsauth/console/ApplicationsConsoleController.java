package dev.smsauth.console;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.smsauth.api.DuplicateException;
import dev.smsauth.api.InvalidInputException;
import dev.smsauth.client.Application;
import dev.smsauth.client.ApplicationPatch;
import dev.smsauth.client.ApplicationService;
import dev.smsauth.sms.budget.SmsMonthlyBudgets;
import dev.smsauth.stats.SmsStatistics;
import dev.smsauth.stats.StatsRange;
import dev.smsauth.web.SeeOther;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console pages for applications: list, create, details with tabs (overview, MFA with the
 * application's SMS numbers and monthly budget, settings, credentials), secret rotation and deletion with confirmation. Every change goes through
 * {@link ApplicationService}, the same rules as the management API.
 */
@Controller
@RequestMapping("/console/applications")
class ApplicationsConsoleController {

	private static final Set<String> TABS = Set.of("overview", "mfa", "settings", "credentials");

	private static final int PAGE_SIZE = 25;

	private final ApplicationService applications;

	private final SmsStatistics smsStatistics;

	private final SmsMonthlyBudgets budgets;

	private final Clock clock;

	ApplicationsConsoleController(ApplicationService applications, SmsStatistics smsStatistics,
			SmsMonthlyBudgets budgets, Clock clock) {
		this.applications = applications;
		this.smsStatistics = smsStatistics;
		this.budgets = budgets;
		this.clock = clock;
	}

	@GetMapping
	String list(@RequestParam(name = "page", required = false) Integer page, Model model) {
		Paging paging = Paging.of(page, PAGE_SIZE);
		List<Application> found = applications.list(paging.offset(), paging.fetch());
		model.addAttribute("applications", found.stream().limit(PAGE_SIZE).toList());
		paging.describe(model, found.size());
		return "console/applications/list";
	}

	@GetMapping("/new")
	String newForm(Model model) {
		model.addAttribute("form", ApplicationForm.empty());
		return "console/applications/new";
	}

	/**
	 * Creates the application and shows its secret in this very answer (not after a redirect), so
	 * the secret is never stored anywhere, not even in the session for a flash message.
	 */
	@PostMapping
	String create(ApplicationForm form, Model model, HttpServletResponse response) {
		try {
			Application created = applications.create(form.toNewApplication());
			response.setHeader("Cache-Control", "no-store");
			model.addAttribute("app", created);
			model.addAttribute("created", true);
			return "console/applications/secret";
		}
		catch (InvalidInputException ex) {
			return formWithErrors(form, FormErrors.byField(ex.errors()), model, response);
		}
		catch (DuplicateException ex) {
			return formWithErrors(form, FormErrors.duplicate(ex.field()), model, response);
		}
	}

	@GetMapping("/{clientId}")
	String details(@PathVariable String clientId, @RequestParam(name = "tab", defaultValue = "overview") String tab,
			Model model) {
		Application application = applications.get(clientId);
		model.addAttribute("app", application);
		model.addAttribute("tab", TABS.contains(tab) ? tab : "overview");
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", ApplicationForm.of(application));
		}
		model.addAttribute("policySummary", PolicySummary.of(application.mfa().policy()));
		if ("mfa".equals(model.getAttribute("tab"))) {
			// The application's own numbers, from the same query as the API and the overview.
			StatsRange last30 = StatsRange.lastDays(StatsRange.DEFAULT_DAYS, clock);
			model.addAttribute("sms", SmsOverview.of(last30, smsStatistics.daily(last30, clientId)).total());
			model.addAttribute("budget", budgets.thisMonth(clientId));
		}
		java.time.Duration reauthenticate = application.mfa().policy().reauthenticateAfter();
		model.addAttribute("reauthenticateHours", reauthenticate == null ? ""
				: reauthenticate.toSeconds() % 3600 == 0 ? String.valueOf(reauthenticate.toHours()) : reauthenticate.toString());
		return "console/applications/details";
	}

	/**
	 * The MFA tab's form. The "SMS verification code" switch stays the policy's on/off (off is
	 * {@code required: never}); the other fields are the rest of the policy, and a field left out of
	 * the post (an older form) keeps its value.
	 */
	@PostMapping("/{clientId}/mfa")
	Object mfa(@PathVariable String clientId, PolicyForm form, Model model, RedirectAttributes flash,
			HttpServletResponse response) {
		boolean wasOn = applications.get(clientId).mfa().sms();
		Application updated;
		try {
			updated = applications.update(clientId, new ApplicationPatch(null, null, null, null, null, null, null,
					Optional.of(form.toMfa())));
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			model.addAttribute("errors", FormErrors.byField(ex.errors()));
			model.addAttribute("problem", "Please correct the highlighted fields.");
			return details(clientId, "mfa", model);
		}
		boolean on = updated.mfa().sms();
		String summary = PolicySummary.of(updated.mfa().policy());
		flash.addFlashAttribute("notice", on == wasOn ? "Sign-in policy saved. " + summary
				: "SMS verification code is now " + (on ? "on" : "off") + " for this application. " + summary);
		return SeeOther.to("/console/applications/" + clientId + "?tab=mfa");
	}

	@PostMapping("/{clientId}/settings")
	Object settings(@PathVariable String clientId, ApplicationForm form, Model model, RedirectAttributes flash,
			HttpServletResponse response) {
		try {
			applications.update(clientId, form.toSettingsPatch());
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			model.addAttribute("form", form);
			model.addAttribute("errors", FormErrors.byField(ex.errors()));
			model.addAttribute("problem", "Please correct the highlighted fields.");
			return details(clientId, "settings", model);
		}
		flash.addFlashAttribute("notice", "Settings saved.");
		return SeeOther.to("/console/applications/" + clientId + "?tab=settings");
	}

	@GetMapping("/{clientId}/rotate-secret")
	String confirmRotate(@PathVariable String clientId, Model model) {
		Application application = applications.get(clientId);
		return Confirmation.page(model, "applications", "Rotate the secret of " + application.name() + "?",
				"A new secret is shown once. The current secret stops working immediately, so the application must be "
						+ "updated with the new one.",
				"/console/applications/" + clientId + "/rotate-secret", "Rotate secret",
				"/console/applications/" + clientId + "?tab=credentials");
	}

	@PostMapping("/{clientId}/rotate-secret")
	String rotate(@PathVariable String clientId, Model model, HttpServletResponse response) {
		response.setHeader("Cache-Control", "no-store");
		model.addAttribute("app", applications.rotateSecret(clientId));
		model.addAttribute("created", false);
		return "console/applications/secret";
	}

	@GetMapping("/{clientId}/delete")
	String confirmDelete(@PathVariable String clientId, Model model) {
		Application application = applications.get(clientId);
		return Confirmation.page(model, "applications", "Delete " + application.name() + "?",
				"Its users can no longer sign in to it, and every token it holds is revoked. This can not be undone.",
				"/console/applications/" + clientId + "/delete", "Delete application",
				"/console/applications/" + clientId + "?tab=credentials");
	}

	@PostMapping("/{clientId}/delete")
	View delete(@PathVariable String clientId, RedirectAttributes flash) {
		Application application = applications.get(clientId);
		applications.delete(clientId);
		flash.addFlashAttribute("notice", "Application " + application.name() + " deleted.");
		return SeeOther.to("/console/applications");
	}

	private static String formWithErrors(ApplicationForm form, java.util.Map<String, String> errors, Model model,
			HttpServletResponse response) {
		response.setStatus(400);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("problem", "Please correct the highlighted fields.");
		return "console/applications/new";
	}

}
