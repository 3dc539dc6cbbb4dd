package dev.smsauth.mfa.sms;

import java.time.Instant;
import java.util.function.BiConsumer;

import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** What happened when a person pressed "Send code". */
sealed interface SendOutcome {

	/** The provider took the message. */
	record Sent(String challengeId, Instant expiresAt, Instant resendAvailableAt) implements SendOutcome {
	}

	/** Too soon after the previous code; nothing was sent. */
	record CoolingDown(long secondsLeft) implements SendOutcome {
	}

	/** An hourly limit says no; the provider was not called. */
	record LimitReached() implements SendOutcome {
	}

	/** The application's monthly SMS budget is spent; the provider was not called. */
	record MonthlyBudgetSpent() implements SendOutcome {
	}

	/** The destination's country calling code is not on the allow-list; the provider was not called. */
	record CountryNotAllowed() implements SendOutcome {
	}

	/**
	 * "Send by another route" was pressed for a code another press (a double click, a second tab)
	 * has already rerouted: that press sent the new code, this one sent nothing.
	 */
	record AlreadyRerouted() implements SendOutcome {
	}

	/** The provider refused or failed; the person may try again. */
	record ProviderFailed(boolean retryable) implements SendOutcome {
	}

	/**
	 * A provider refused the number itself (invalid, not a mobile, barred, unsubscribed): no other
	 * provider was tried, and pressing again would not help.
	 */
	record NumberCannotReceive() implements SendOutcome {
	}

	/** The message the page shows for {@code outcome}, for the page after a redirect. */
	static void flash(SendOutcome outcome, RedirectAttributes flash) {
		describe(outcome, flash::addFlashAttribute);
	}

	/** The message the page shows for {@code outcome}, on the page that is the answer itself. */
	static void show(SendOutcome outcome, Model model) {
		describe(outcome, model::addAttribute);
	}

	/**
	 * The message for {@code outcome} as the page's {@code info} or {@code error} (and {@code errorArg})
	 * attributes: the SMS step and /account/phone say the same.
	 */
	private static void describe(SendOutcome outcome, BiConsumer<String, Object> page) {
		if (outcome instanceof Sent) {
			page.accept("info", "sms.info.sent");
		}
		else if (outcome instanceof AlreadyRerouted) {
			page.accept("info", "sms.info.sent-another-route");
		}
		else if (outcome instanceof CoolingDown wait) {
			page.accept("error", "sms.error.cooldown");
			page.accept("errorArg", wait.secondsLeft());
		}
		else if (outcome instanceof LimitReached) {
			page.accept("error", "sms.error.limit");
		}
		else if (outcome instanceof MonthlyBudgetSpent) {
			page.accept("error", "sms.error.monthly-budget");
		}
		else if (outcome instanceof CountryNotAllowed) {
			page.accept("error", "sms.error.country");
		}
		else if (outcome instanceof NumberCannotReceive) {
			page.accept("error", "sms.error.number-cannot-receive");
		}
		else if (outcome instanceof ProviderFailed failed) {
			page.accept("error", failed.retryable() ? "sms.error.send-failed-retry" : "sms.error.send-failed");
		}
	}

}
