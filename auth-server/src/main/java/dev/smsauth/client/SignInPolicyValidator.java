package dev.smsauth.client;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.smsauth.api.FieldErrors;
import dev.smsauth.mfa.SecondFactor;
import dev.smsauth.mfa.SignInPolicy;

/**
 * Reads the API's {@code mfa} object onto an application's current policy: members given replace
 * theirs, members absent keep theirs (a new application starts from "never"). The older
 * {@code sms} switch maps as the contract says (true = {@code always} with SMS and the app,
 * false = {@code never}); given together with {@code required} it must agree with it. Every wrong
 * value is named ({@code mfa.required}, {@code mfa.factors}, ...).
 */
final class SignInPolicyValidator {

	static final Duration SHORTEST_REAUTHENTICATE_AFTER = Duration.ofMinutes(1);

	static final Duration LONGEST_REAUTHENTICATE_AFTER = Duration.ofDays(365);

	private static final List<String> MEMBERS = List.of("mfa.sms", "mfa.required", "mfa.factors",
			"mfa.reauthenticateAfter", "mfa.rememberDeviceDays", "mfa.enrollment");

	private SignInPolicyValidator() {
	}

	static SignInPolicy policy(NewApplication.Mfa input, SignInPolicy current, FieldErrors errors) {
		if (input == null) {
			return current;
		}
		if (input.sms() == null && input.onlySms()) {
			errors.add("mfa", "give the policy (required, factors, reauthenticateAfter, rememberDeviceDays, "
					+ "enrollment) or sms: true|false");
			return null;
		}
		SignInPolicy.Required required = current.required();
		Set<SecondFactor> factors = current.factors();
		if (input.sms() != null) {
			required = input.sms() ? SignInPolicy.Required.ALWAYS : SignInPolicy.Required.NEVER;
			if (input.sms()) {
				factors = EnumSet.of(SecondFactor.SMS, SecondFactor.TOTP);
			}
		}
		if (input.required() != null) {
			Optional<SignInPolicy.Required> named = SignInPolicy.Required.of(input.required());
			if (named.isEmpty()) {
				errors.add("mfa.required", "'" + printable(input.required()) + "' is not one of never, always, new-device");
			}
			else if (input.sms() != null && input.sms() != (named.get() != SignInPolicy.Required.NEVER)) {
				errors.add("mfa.sms", "contradicts mfa.required; give one of them");
			}
			else {
				required = named.get();
			}
		}
		if (input.factors() != null) {
			factors = factors(input.factors(), errors);
		}
		Duration reauthenticate = current.reauthenticateAfter();
		if (input.reauthenticateAfter() != null) {
			reauthenticate = input.reauthenticateAfter().isEmpty() ? null
					: reauthenticateAfter(input.reauthenticateAfter().get(), errors);
		}
		int days = current.rememberDeviceDays();
		if (input.rememberDeviceDays() != null) {
			days = input.rememberDeviceDays();
			if (days < 0 || days > SignInPolicy.MAX_REMEMBER_DEVICE_DAYS) {
				errors.add("mfa.rememberDeviceDays", "must be a whole number from 0 to 365");
			}
		}
		SignInPolicy.Enrollment enrollment = current.enrollment();
		if (input.enrollment() != null) {
			enrollment = SignInPolicy.Enrollment.of(input.enrollment()).orElse(null);
			if (enrollment == null) {
				errors.add("mfa.enrollment",
						"'" + printable(input.enrollment()) + "' is not one of at-sign-in, administrator-only");
			}
		}
		if (factors == null || enrollment == null || MEMBERS.stream().anyMatch(errors::has)) {
			return null;
		}
		return new SignInPolicy(required, factors, reauthenticate, days, enrollment);
	}

	private static Set<SecondFactor> factors(List<String> names, FieldErrors errors) {
		if (names.isEmpty()) {
			errors.add("mfa.factors", "must list at least one of sms, totp, passkey");
			return null;
		}
		Set<SecondFactor> factors = EnumSet.noneOf(SecondFactor.class);
		for (String name : names) {
			Optional<SecondFactor> factor = SecondFactor.of(name);
			if (factor.isEmpty()) {
				errors.add("mfa.factors", "'" + printable(name) + "' is not one of sms, totp, passkey");
				return null;
			}
			factors.add(factor.get());
		}
		return factors;
	}

	private static Duration reauthenticateAfter(String raw, FieldErrors errors) {
		Duration duration;
		try {
			duration = Duration.parse(raw);
		}
		catch (DateTimeParseException ex) {
			duration = null;
		}
		if (duration == null || duration.compareTo(SHORTEST_REAUTHENTICATE_AFTER) < 0
				|| duration.compareTo(LONGEST_REAUTHENTICATE_AFTER) > 0) {
			errors.add("mfa.reauthenticateAfter",
					"'" + printable(raw) + "' is not an ISO-8601 duration from PT1M to P365D, such as PT8H, or null");
			return null;
		}
		return duration;
	}

	private static String printable(String value) {
		if (value == null) {
			return "null";
		}
		String shortened = value.length() > 80 ? value.substring(0, 80) + "…" : value;
		return shortened.replaceAll("\\p{Cntrl}", "?");
	}

}
