package dev.smsauth.sms;

import dev.smsauth.user.PhoneMasking;

import java.util.Objects;

/**
 * One text message to one E.164 phone number. {@link #toString()} hides the text because it
 * holds a one-time code, and masks the number.
 */
public record SmsMessage(String to, String text) {

	public SmsMessage {
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(text, "text");
	}

	/** True when the text needs UCS-2 (e.g. Chinese), which providers bill and split differently. */
	public boolean isUnicode() {
		return !text.chars().allMatch(c -> c < 128);
	}

	@Override
	public String toString() {
		return "SmsMessage[to=" + PhoneMasking.mask(to) + ", text=<hidden>]";
	}

}
