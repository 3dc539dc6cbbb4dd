package dev.smsauth.notify;

import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Security notices by SMS to the account holder ({@code auth.notify.*}).
 *
 * @param phoneNumberChanged tell the old number when an account's number is changed or removed
 * @param repeatedCodeFailures tell the account's number, at most once an hour, when wrong codes
 * pile up (a code died of wrong tries, or the hourly failure budget was reached)
 * @param newDevice tell the account's number when a second factor is proven in a browser new to the
 * account while it already has other known devices (device.NewDeviceSignIn)
 * @param productName how the texts name this service, e.g. "Example Corp sign-in"
 * @param locale the language of the texts (accounts have no language of their own)
 * @param maxPerNumberPerHour notices one number may get per hour, on top of (and separate from)
 * its budget for codes, so notices can neither be pumped nor eat the holder's codes
 */
@ConfigurationProperties("auth.notify")
public record NoticeProperties(@DefaultValue("true") boolean phoneNumberChanged,
		@DefaultValue("true") boolean repeatedCodeFailures, @DefaultValue("true") boolean newDevice,
		@DefaultValue("SMS Auth") String productName,
		@DefaultValue("en") Locale locale, @DefaultValue("3") int maxPerNumberPerHour) {

	// A notice must never look like it carries a code: no run of four or more digits in the name.
	private static final Pattern DIGIT_RUN = Pattern.compile("[0-9]{4,}");

	public NoticeProperties {
		if (productName == null || productName.isBlank() || productName.length() > 40
				|| DIGIT_RUN.matcher(productName).find()) {
			throw new IllegalArgumentException(
					"auth.notify.product-name must be 1 to 40 characters without a run of four or more digits");
		}
		if (maxPerNumberPerHour < 1) {
			throw new IllegalArgumentException("auth.notify.max-per-number-per-hour must be at least 1");
		}
	}

	boolean enabled(NoticeKind kind) {
		return switch (kind) {
			case PHONE_NUMBER_CHANGED, PHONE_NUMBER_REMOVED -> phoneNumberChanged;
			case REPEATED_CODE_FAILURES -> repeatedCodeFailures;
			case NEW_DEVICE -> newDevice;
			// Always: a used recovery code is what the holder must hear of if it was not them.
			case RECOVERY_CODE_USED -> true;
		};
	}

}
