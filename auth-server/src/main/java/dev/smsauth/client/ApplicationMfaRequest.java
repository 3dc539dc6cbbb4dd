package dev.smsauth.client;

import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.media.Schema;

/** The {@code mfa} object of {@code POST /api/v1/applications}: the application's sign-in policy. */
record ApplicationMfaRequest(
		@Schema(description = "The older switch: true = required always with sms and totp, false = never") Boolean sms,
		@Schema(allowableValues = { "never", "always", "new-device" }, defaultValue = "never") String required,
		@Schema(description = "Second factors that satisfy the policy, at least one",
				example = "[\"sms\",\"totp\"]") List<String> factors,
		@Schema(description = "How old a second factor (and the password) may be for this application, ISO-8601; "
				+ "null = once per single sign-on session", example = "PT8H") String reauthenticateAfter,
		@Schema(description = "Days a remembered browser skips the second factor; 0 = off", minimum = "0",
				maximum = "365", defaultValue = "0") Integer rememberDeviceDays,
		@Schema(allowableValues = { "at-sign-in", "administrator-only" }, defaultValue = "at-sign-in") String enrollment) {

	NewApplication.Mfa toMfa() {
		return new NewApplication.Mfa(sms, required, factors,
				reauthenticateAfter == null ? null : Optional.of(reauthenticateAfter), rememberDeviceDays, enrollment);
	}

}
