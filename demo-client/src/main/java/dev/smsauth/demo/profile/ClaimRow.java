package dev.smsauth.demo.profile;

/**
 * One line of the ID token table.
 *
 * @param name claim name
 * @param value the value as text, {@code null} when the token does not carry the claim
 * @param note a human reading of the value (such as a UTC time), or {@code null}
 */
public record ClaimRow(String name, String value, String note) {

	public boolean present() {
		return this.value != null;
	}

}
