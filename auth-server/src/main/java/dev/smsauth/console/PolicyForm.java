package dev.smsauth.console;

import java.util.List;
import java.util.Optional;

import dev.smsauth.client.NewApplication;

/**
 * The MFA tab's form fields. {@code policyForm} marks a post of the full form, where no factor box
 * ticked means an empty list (refused, "at least one") rather than "keep". Blank numbers keep
 * nothing: a blank "ask again after" is once per sign-in session, a blank "remember" is 0.
 */
record PolicyForm(Boolean sms, String required, List<String> factors, String reauthenticateAfterHours,
		String rememberDeviceDays, String enrollment, Boolean policyForm) {

	NewApplication.Mfa toMfa() {
		boolean on = Boolean.TRUE.equals(sms);
		boolean full = Boolean.TRUE.equals(policyForm);
		String when = on ? (required == null || required.equals("never") ? "always" : required) : "never";
		List<String> chosen = factors != null ? factors : (full ? List.of() : null);
		Optional<String> reauthenticate = full ? hours(reauthenticateAfterHours) : null;
		Integer days = full ? days(rememberDeviceDays) : null;
		return new NewApplication.Mfa(null, when, chosen, reauthenticate, days, full ? enrollment : null);
	}

	/** Whole hours as an ISO-8601 duration; anything else goes on as given for the service to name. */
	private static Optional<String> hours(String value) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		String text = value.strip();
		return Optional.of(text.matches("[0-9]{1,6}") ? "PT" + text + "H" : text);
	}

	private static Integer days(String value) {
		if (value == null || value.isBlank()) {
			return 0;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			return -1; // refused by the service as mfa.rememberDeviceDays
		}
	}

}
