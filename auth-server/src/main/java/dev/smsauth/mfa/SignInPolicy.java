package dev.smsauth.mfa;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * One application's sign-in policy, the management API's {@code mfa} object: when a second factor
 * is {@link Required required}, which {@link SecondFactor factors} satisfy it, how old a factor may
 * be ({@code reauthenticateAfter}, null = once per SSO session; also a {@code max_age} on the
 * password), for how many days a remembered browser skips it, and whether people may enroll a
 * factor at sign-in.
 *
 * <p>Stored in the registered client's settings as plain strings and numbers (the framework's JSON
 * allow-list takes those without mixins). An application saved before the policy existed has only
 * the boolean {@link #LEGACY_SMS}: true reads as {@link #LEGACY_ON}, false as {@link #OFF}.
 */
public record SignInPolicy(Required required, Set<SecondFactor> factors, Duration reauthenticateAfter,
		int rememberDeviceDays, Enrollment enrollment) {

	/** The setting of the one-checkbox era; still written (required != never) for older readers. */
	public static final String LEGACY_SMS = "settings.client.mfa.sms";

	static final String REQUIRED = "settings.client.mfa.required";

	static final String FACTORS = "settings.client.mfa.factors";

	static final String REAUTHENTICATE_AFTER = "settings.client.mfa.reauthenticate-after";

	static final String REMEMBER_DEVICE_DAYS = "settings.client.mfa.remember-device-days";

	static final String ENROLLMENT = "settings.client.mfa.enrollment";

	public static final int MAX_REMEMBER_DEVICE_DAYS = 365;

	/** {@code {"sms": false}}: no second factor unless the relying party asks for the MFA level. */
	public static final SignInPolicy OFF = new SignInPolicy(Required.NEVER, EnumSet.of(SecondFactor.SMS, SecondFactor.TOTP),
			null, 0, Enrollment.AT_SIGN_IN);

	/** {@code {"sms": true}}: SMS or the authenticator app at every SSO session, as before the policy. */
	public static final SignInPolicy LEGACY_ON = new SignInPolicy(Required.ALWAYS,
			EnumSet.of(SecondFactor.SMS, SecondFactor.TOTP), null, 0, Enrollment.AT_SIGN_IN);

	/** The console: always a second factor, and administrators never enroll one at sign-in. */
	public static final SignInPolicy CONSOLE = new SignInPolicy(Required.ALWAYS,
			EnumSet.of(SecondFactor.SMS, SecondFactor.TOTP), null, 0, Enrollment.ADMINISTRATOR_ONLY);

	public SignInPolicy {
		factors = factors.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(factors));
	}

	/** What the old boolean {@code mfa.sms} means. */
	public static SignInPolicy legacy(boolean sms) {
		return sms ? LEGACY_ON : OFF;
	}

	/** The old boolean, still answered: a second factor may be required. */
	public boolean sms() {
		return required != Required.NEVER;
	}

	public boolean accepts(SecondFactor factor) {
		return factors.contains(factor);
	}

	public SignInPolicy withRequired(Required value) {
		return new SignInPolicy(value, factors, reauthenticateAfter, rememberDeviceDays, enrollment);
	}

	public static SignInPolicy of(ClientSettings settings) {
		Object required = settings.getSetting(REQUIRED);
		if (!(required instanceof String name) || Required.of(name).isEmpty()) {
			return legacy(Boolean.TRUE.equals(settings.getSetting(LEGACY_SMS)));
		}
		Set<SecondFactor> factors = EnumSet.noneOf(SecondFactor.class);
		if (settings.getSetting(FACTORS) instanceof String list) {
			Arrays.stream(list.split(",")).map(SecondFactor::of).flatMap(Optional::stream).forEach(factors::add);
		}
		if (factors.isEmpty()) {
			factors = EnumSet.of(SecondFactor.SMS, SecondFactor.TOTP);
		}
		Duration reauthenticate = null;
		if (settings.getSetting(REAUTHENTICATE_AFTER) instanceof String text) {
			try {
				reauthenticate = Duration.parse(text);
			}
			catch (DateTimeParseException ex) {
				reauthenticate = null;
			}
		}
		int days = settings.getSetting(REMEMBER_DEVICE_DAYS) instanceof Number n ? n.intValue() : 0;
		Enrollment enrollment = settings.getSetting(ENROLLMENT) instanceof String e
				? Enrollment.of(e).orElse(Enrollment.AT_SIGN_IN) : Enrollment.AT_SIGN_IN;
		return new SignInPolicy(Required.of(name).get(), factors, reauthenticate,
				Math.max(0, Math.min(days, MAX_REMEMBER_DEVICE_DAYS)), enrollment);
	}

	/** Writes every key, the legacy boolean included, into the client's settings. */
	public ClientSettings.Builder writeTo(ClientSettings.Builder settings) {
		return settings.setting(LEGACY_SMS, sms())
			.setting(REQUIRED, required.value())
			.setting(FACTORS, factors.stream().sorted().map(SecondFactor::value).collect(Collectors.joining(",")))
			.settings(map -> {
				if (reauthenticateAfter == null) {
					map.remove(REAUTHENTICATE_AFTER);
				}
				else {
					map.put(REAUTHENTICATE_AFTER, reauthenticateAfter.toString());
				}
			})
			.setting(REMEMBER_DEVICE_DAYS, rememberDeviceDays)
			.setting(ENROLLMENT, enrollment.value());
	}

	/** {@code required}: when the application asks for a second factor. */
	public enum Required {

		NEVER("never"), ALWAYS("always"), NEW_DEVICE("new-device");

		private final String value;

		Required(String value) {
			this.value = value;
		}

		public String value() {
			return value;
		}

		public static Optional<Required> of(String value) {
			return Arrays.stream(values()).filter(r -> r.value.equals(value)).findFirst();
		}

	}

	/** {@code enrollment}: may an account without an accepted factor add one while signing in? */
	public enum Enrollment {

		AT_SIGN_IN("at-sign-in"), ADMINISTRATOR_ONLY("administrator-only");

		private final String value;

		Enrollment(String value) {
			this.value = value;
		}

		public String value() {
			return value;
		}

		public static Optional<Enrollment> of(String value) {
			return Arrays.stream(values()).filter(e -> e.value.equals(value)).findFirst();
		}

	}

}
