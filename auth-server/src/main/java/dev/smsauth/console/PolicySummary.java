package dev.smsauth.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.smsauth.mfa.SecondFactor;
import dev.smsauth.mfa.SignInPolicy;

/**
 * The sign-in policy in one plain sentence for the console's MFA tab, e.g. "Asks for an SMS code
 * or authenticator code on a new device, then every 8 hours; remembers a device for 30 days."
 */
final class PolicySummary {

	private PolicySummary() {
	}

	static String of(SignInPolicy policy) {
		if (policy.required() == SignInPolicy.Required.NEVER) {
			return "Asks for no second factor, unless the application requests one for a sign-in.";
		}
		StringBuilder text = new StringBuilder("Asks for ").append(factors(policy));
		text.append(policy.required() == SignInPolicy.Required.NEW_DEVICE ? " on a new device" : " at every sign-in");
		if (policy.reauthenticateAfter() != null) {
			text.append(", then every ").append(duration(policy.reauthenticateAfter()));
		}
		if (policy.rememberDeviceDays() > 0) {
			text.append("; remembers a device for ").append(plural(policy.rememberDeviceDays(), "day"));
		}
		text.append('.');
		if (policy.enrollment() == SignInPolicy.Enrollment.ADMINISTRATOR_ONLY) {
			text.append(" Only administrators set up factors.");
		}
		return text.toString();
	}

	private static String factors(SignInPolicy policy) {
		List<String> names = new ArrayList<>();
		for (SecondFactor factor : policy.factors().stream().sorted().toList()) {
			names.add(switch (factor) {
				case SMS -> "an SMS code";
				case TOTP -> names.isEmpty() ? "an authenticator code" : "authenticator code";
				case PASSKEY -> names.isEmpty() ? "a passkey" : "passkey";
			});
		}
		return String.join(" or ", names);
	}

	private static String duration(Duration duration) {
		if (duration.toSeconds() % 86_400 == 0) {
			return plural(duration.toDays(), "day");
		}
		if (duration.toSeconds() % 3_600 == 0) {
			return plural(duration.toHours(), "hour");
		}
		return plural(duration.toMinutes(), "minute");
	}

	private static String plural(long count, String unit) {
		return count == 1 ? unit : count + " " + unit + "s";
	}

}
